package io.codinspect.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.sandbox.SandboxProvider.ProviderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SandboxProvider} adapter promises, whatever runs its sandboxes: spawning is
 * idempotent, stopping ends the sandbox and may be repeated, unknown sandboxes are unknown.
 * Subclassed once per adapter, each saying how it counts a sandbox's running instances.
 */
public abstract class SandboxProviderContract {

    private final List<UUID> spawned = new ArrayList<>();

    /** The adapter under test. */
    protected abstract SandboxProvider provider();

    /** How many instances (processes, pods) of this sandbox the adapter's world holds now. */
    protected abstract int instancesOf(UUID sandboxId);

    /** A repository the adapter's sandboxes can clone. */
    protected abstract String repository();

    protected SandboxSpec spec() {
        var sandboxId = UUID.randomUUID();
        spawned.add(sandboxId);
        return new SandboxSpec(
                sandboxId,
                UUID.randomUUID(),
                repository(),
                "main",
                "codinspect/" + sandboxId.toString().substring(0, 8),
                "ws://127.0.0.1:9/bridge/" + sandboxId,
                "cis_contract-test-token-" + sandboxId,
                "{}",
                "cia_test",
                List.of(),
                "",
                "");
    }

    @AfterEach
    void stopEverything() {
        spawned.forEach(id -> provider().stop(id));
    }

    @Test
    void spawningStartsOneSandboxAndSpawningItAgainStartsNoSecond() {
        var spec = spec();

        provider().spawn(spec);
        provider().spawn(spec);

        await().atMost(Duration.ofSeconds(10)).until(() -> instancesOf(spec.sandboxId()) == 1);
        assertThat(provider().status(spec.sandboxId())).isIn(ProviderStatus.starting, ProviderStatus.running);
        assertThat(instancesOf(spec.sandboxId())).isEqualTo(1);
    }

    @Test
    void stoppingEndsTheSandboxAndStoppingAgainDoesNothing() {
        var spec = spec();
        provider().spawn(spec);
        await().atMost(Duration.ofSeconds(10)).until(() -> instancesOf(spec.sandboxId()) == 1);

        provider().stop(spec.sandboxId());
        provider().stop(spec.sandboxId());

        await().atMost(Duration.ofSeconds(20)).until(() -> instancesOf(spec.sandboxId()) == 0);
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> provider().status(spec.sandboxId()),
                        s -> s == ProviderStatus.stopped || s == ProviderStatus.unknown);
    }

    @Test
    void anUnknownSandboxIsUnknownAndStoppingItDoesNothing() {
        var unknown = UUID.randomUUID();

        provider().stop(unknown);

        assertThat(provider().status(unknown)).isEqualTo(ProviderStatus.unknown);
        assertThat(instancesOf(unknown)).isZero();
    }
}
