package io.codinspect.bench;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The benchmark's sandbox provider: every spawn connects a {@link BenchSandbox} to the bridge. */
final class BenchSandboxes implements SandboxProvider {

    final Map<UUID, BenchSandbox> bySession = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public void spawn(SandboxSpec spec) {
        bySession.put(spec.sessionId(), new BenchSandbox(spec));
    }

    @Override
    public void stop(UUID sandboxId) {}

    @Override
    public ProviderStatus status(UUID sandboxId) {
        return ProviderStatus.running;
    }
}
