package io.codinspect.supervisor.boundary;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port: where the agent's side of the sandbox runs. The agent (OpenCode), the repository's hooks
 * and every git command in the clone run inside it, never as the supervisor itself, because the
 * clone and everything in it are written by untrusted code. Adapters: {@link LocalBoundary}, plain
 * child processes ({@code none}) or processes in their own namespaces with bubblewrap, and
 * {@link RunnerBoundary}, the runner in a Kubernetes pod's {@code agent} container.
 *
 * <p>{@code env} is what the program gets on top of the sandbox's base environment (PATH, locale,
 * HOME); nothing of the supervisor's own ({@code CODINSPECT_*}) is ever passed on.
 */
public interface Boundary extends AutoCloseable {

    /** Runs a command to its end, or kills it at {@code timeout}; keeps its last output lines. */
    Command.Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout);

    /** Starts a long-running program (the agent); each line it prints goes to {@code output}. */
    Launched launch(List<String> command, Path dir, Map<String, String> env, Consumer<String> output);

    /** Makes a file or folder the supervisor created usable by the agent's user (when they differ). */
    void handOver(Path path);

    /** What this boundary is, in a few words, for logs. */
    String describe();

    /**
     * The supervisor is done with the agent's side (it is about to exit): the runner of a
     * Kubernetes pod is told so and exits. Nothing for local boundaries.
     */
    @Override
    default void close() {}

    /** A program started with {@link #launch}. */
    interface Launched {

        /**
         * Completes with the exit code when the program ends, for whatever reason, once its output
         * has been handed on.
         */
        java.util.concurrent.CompletableFuture<Integer> exited();

        /** Asks the program to stop, and kills it with everything it started after {@code grace}. */
        void stop(Duration grace);
    }
}
