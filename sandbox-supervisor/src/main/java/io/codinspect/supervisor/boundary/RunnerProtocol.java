package io.codinspect.supervisor.boundary;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The wire between {@link RunnerBoundary} (in the supervisor's container) and the runner (in the
 * agent's container, {@code io.codinspect.supervisor.runner}): JSON over HTTP/1.1 on the pod's
 * loopback. Every call is short or has a deadline the client knows:
 *
 * <ul>
 *   <li>{@code GET /health} — 200 when the runner serves;
 *   <li>{@code POST /run} {@link RunRequest} — runs a command to its end or its timeout, answers
 *       {@link RunResult};
 *   <li>{@code POST /launch} {@link LaunchRequest} — starts a long-running program, answers
 *       {@link Launched}; 429 when {@link #MAX_PROGRAMS} are running;
 *   <li>{@code GET /launched/<id>/output?from=<seq>} — waits up to {@link #POLL_WAIT} for output
 *       from line {@code seq} on, answers {@link Output};
 *   <li>{@code POST /launched/<id>/stop} {@link StopRequest} — SIGTERM to the program and what it
 *       started, SIGKILL after the grace; answers {@link Output} without lines once it has exited;
 *   <li>{@code POST /exit} — the supervisor is done: the runner stops what it still runs and exits.
 * </ul>
 *
 * Refusals are 4xx with a {@link Problem}: 400 bad request, 404 unknown program, 413 request too
 * large, 429 too many programs or runs at once.
 */
public final class RunnerProtocol {

    /** The runner's port on the pod's loopback unless {@code CODINSPECT_RUNNER_PORT} says otherwise. */
    public static final int DEFAULT_PORT = 7070;
    /** Most connections the runner holds open at once. */
    public static final int MAX_CONNECTIONS = 64;
    /** Largest request body the runner reads. */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** Most arguments of one command, and most variables passed on top of the base environment. */
    public static final int MAX_ARGUMENTS = 512;
    /** Longest {@code /run} timeout the runner accepts. */
    public static final Duration MAX_RUN_TIMEOUT = Duration.ofHours(24);
    /** Most {@code /run} commands running at once (hooks, git); more are refused with 429. */
    public static final int MAX_RUNS = 16;
    /** Most launched programs the runner keeps, running or exited (the agent, and a restart of it). */
    public static final int MAX_PROGRAMS = 4;
    /**
     * Most output lines kept per launched program for the supervisor to read; when it reads slower
     * than the program prints, the oldest lines are dropped and the next {@link Output} says how many.
     */
    public static final int MAX_BUFFERED_LINES = 256;
    /** Most lines in one {@link Output}. */
    public static final int MAX_LINES_PER_POLL = 64;
    /** How long {@code /launched/<id>/output} waits for something new before it answers empty. */
    public static final Duration POLL_WAIT = Duration.ofSeconds(10);

    private RunnerProtocol() {}

    /** {@code POST /run}: the command, where, on top of the base environment, at most how long. */
    public record RunRequest(List<String> command, String dir, Map<String, String> env, long timeoutMillis) {}

    /** How a {@code /run} command ended; {@code tail} is its last output lines. */
    public record RunResult(int exitCode, boolean timedOut, List<String> tail) {}

    /** {@code POST /launch}. */
    public record LaunchRequest(List<String> command, String dir, Map<String, String> env) {}

    /** The id of a launched program. */
    public record Launched(String id) {}

    /**
     * Output of a launched program from a sequence number on.
     *
     * @param lines the lines, oldest first
     * @param next the sequence number to ask from next
     * @param dropped lines that were dropped before these because the reader was too slow
     * @param exitCode the program's exit code once it has exited and every line was read; null before
     */
    public record Output(List<String> lines, long next, long dropped, Integer exitCode) {}

    /** {@code POST /launched/<id>/stop}. */
    public record StopRequest(long graceMillis) {}

    /** Why a request was refused. */
    public record Problem(String error) {}
}
