package io.codinspect.controlplane.sandbox.local;

import io.codinspect.controlplane.sandbox.SandboxProperties;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxProviderContract;
import io.codinspect.controlplane.system.EmbeddedPostgresProperties;
import io.codinspect.testkit.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider contract for local processes: the real supervisor jar of this build (the reactor
 * packages it before the control plane's tests), in a folder per sandbox.
 */
class LocalProcessSandboxProviderContractTest extends SandboxProviderContract {

    @TempDir
    Path dir;

    private LocalProcessSandboxProvider provider;
    private GitRepo origin;

    @BeforeEach
    void setUp() {
        origin = GitRepo.create(dir.resolve("origin"));
        var properties = new LocalSandboxProperties(
                null,
                null,
                null,
                dir.resolve("sandboxes"),
                false,
                Duration.ofSeconds(15),
                "64m",
                LocalSandboxProperties.Isolation.bubblewrap,
                65534,
                65534,
                Duration.ofSeconds(30),
                java.util.List.of());
        var sandboxes = new SandboxProperties("local", null, null, null, null, null, 4, null, Duration.ofSeconds(5));
        provider = new LocalProcessSandboxProvider(
                properties, sandboxes, new EmbeddedPostgresProperties(dir.resolve("data"), 0), event -> {});
        provider.check();
    }

    @Override
    protected SandboxProvider provider() {
        return provider;
    }

    /** Supervisor processes of this JVM working in the sandbox's folder (Linux: their cwd). */
    @Override
    protected int instancesOf(UUID sandboxId) {
        var folder = dir.resolve("sandboxes").resolve(sandboxId.toString());
        return (int) ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
                                .equals(folder);
                    } catch (IOException | UnsupportedOperationException e) {
                        return false;
                    }
                })
                .count();
    }

    @Override
    protected String repository() {
        return origin.dir().toString();
    }
}
