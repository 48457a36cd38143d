package io.codinspect.supervisor.workspace;

import io.codinspect.supervisor.BootMode;
import io.codinspect.supervisor.boundary.Boundary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's own boot scripts: {@code .codinspect/setup.sh} (provisioning) and
 * {@code .codinspect/start.sh} (runtime start), read from {@code .openinspect/} when
 * {@code .codinspect/} is absent. They run with bash in the clone, inside the agent's boundary.
 */
public final class Hooks {

    /** How a hook ended; {@code Skipped} when the repository has none. */
    public sealed interface Outcome {
        record Skipped() implements Outcome {}

        record Succeeded(Path script) implements Outcome {}

        record Failed(Path script, String reason, String lastLines) implements Outcome {}
    }

    private final Path repo;
    private final BootMode mode;
    private final Boundary boundary;

    public Hooks(Path repo, BootMode mode, Boundary boundary) {
        this.repo = repo;
        this.mode = mode;
        this.boundary = boundary;
    }

    public Outcome setup(Duration timeout) {
        return run("setup.sh", timeout);
    }

    public Outcome start(Duration timeout) {
        return run("start.sh", timeout);
    }

    private Outcome run(String name, Duration timeout) {
        var script = find(name);
        if (script.isEmpty()) {
            return new Outcome.Skipped();
        }
        var env = Map.of("CODINSPECT_BOOT_MODE", mode.name(), "OPENINSPECT_BOOT_MODE", mode.name());
        var result = boundary.run(List.of("bash", script.get().toString()), repo, env, timeout);
        if (result.ok()) {
            return new Outcome.Succeeded(script.get());
        }
        var reason = result.timedOut()
                ? "timed out after " + timeout.toSeconds() + " s"
                : "exited with code " + result.exitCode();
        return new Outcome.Failed(script.get(), reason, result.tailText());
    }

    private Optional<Path> find(String name) {
        var folder = Files.isDirectory(repo.resolve(".codinspect")) ? ".codinspect" : ".openinspect";
        var script = repo.resolve(folder).resolve(name);
        return Files.isRegularFile(script) ? Optional.of(repo.relativize(script)) : Optional.empty();
    }
}
