package io.codinspect.supervisor.boundary;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.SupervisorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a prepared child process with a timeout, keeping only the last lines of its combined output
 * (each cut at {@link BoundedLines#MAX_CHARS} characters).
 */
public final class Command {

    /** How a command ended; {@code tail} holds its last output lines. */
    public record Result(int exitCode, boolean timedOut, List<String> tail) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        public String tailText() {
            return String.join("\n", tail);
        }
    }

    private static final int TAIL_LINES = 20;

    private Command() {}

    /** Starts {@code builder} with its input closed and waits for it, at most {@code timeout}. */
    static Result run(ProcessBuilder builder, Duration timeout) {
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SupervisorException("could not run " + builder.command().getFirst() + ": " + e.getMessage(), e);
        }
        closeInput(process);
        var tail = new ArrayDeque<String>();
        var reader = Thread.ofVirtual().start(() -> readTail(process, tail));
        try {
            var finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            reader.join(Duration.ofSeconds(5));
            synchronized (tail) {
                return new Result(finished ? process.exitValue() : -1, !finished, List.copyOf(tail));
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new SupervisorException(
                    "interrupted while running " + builder.command().getFirst(), e);
        }
    }

    /** Removes the supervisor's own settings from a child's environment. */
    public static void scrub(Map<String, String> env) {
        env.keySet().removeIf(key -> key.startsWith(SupervisorSettings.PREFIX));
    }

    /**
     * Stops a process and everything it started: the process first, so that a shell cannot report
     * its children's deaths into the output, then the descendants found before it died.
     */
    public static void killTree(Process process) {
        var descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void readTail(Process process, ArrayDeque<String> tail) {
        try (var in = process.getInputStream()) {
            BoundedLines.read(in, line -> {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            });
        } catch (IOException e) {
            // the process was killed; what was read is kept
        }
    }

    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close
        }
    }
}
