package io.codinspect.supervisor.boundary;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A boundary whose every program also gets {@code base} in its environment (beneath what the
 * caller passes): how the egress proxy settings reach OpenCode, the hooks and git alike, whichever
 * adapter runs them.
 */
public final class WithEnvironment implements Boundary {

    private final Boundary boundary;
    private final Map<String, String> base;

    private WithEnvironment(Boundary boundary, Map<String, String> base) {
        this.boundary = boundary;
        this.base = Map.copyOf(base);
    }

    /** {@code boundary} itself when {@code base} is empty. */
    public static Boundary of(Boundary boundary, Map<String, String> base) {
        return base.isEmpty() ? boundary : new WithEnvironment(boundary, base);
    }

    @Override
    public Command.Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        return boundary.run(command, dir, merged(env), timeout);
    }

    @Override
    public Launched launch(List<String> command, Path dir, Map<String, String> env, Consumer<String> output) {
        return boundary.launch(command, dir, merged(env), output);
    }

    @Override
    public void handOver(Path path) {
        boundary.handOver(path);
    }

    @Override
    public String describe() {
        return boundary.describe();
    }

    @Override
    public void close() {
        boundary.close();
    }

    private Map<String, String> merged(Map<String, String> env) {
        var all = new HashMap<>(base);
        all.putAll(env);
        return all;
    }
}
