package io.codinspect.supervisor.boundary;

import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.Backoff;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.RunnerProtocol.LaunchRequest;
import io.codinspect.supervisor.boundary.RunnerProtocol.Output;
import io.codinspect.supervisor.boundary.RunnerProtocol.Problem;
import io.codinspect.supervisor.boundary.RunnerProtocol.RunRequest;
import io.codinspect.supervisor.boundary.RunnerProtocol.RunResult;
import io.codinspect.supervisor.boundary.RunnerProtocol.StopRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side in the {@code agent} container of the sandbox's Kubernetes pod, which has no
 * Secret and does not share the supervisor's process namespace: every program runs there, started
 * by the runner ({@code io.codinspect.supervisor.runner}) that the supervisor asks over the pod's
 * loopback ({@link RunnerProtocol}). Both containers run as the same user, so nothing is handed
 * over. The first call waits for the runner to answer, up to {@link #START_WAIT} after this boundary
 * was made; every call has a deadline, and every answer a size limit.
 */
public final class RunnerBoundary implements Boundary {

    static final Duration START_WAIT = Duration.ofSeconds(60);
    /** Kept on top of a command's own timeout for the runner to kill it and answer. */
    private static final Duration RUN_MARGIN = Duration.ofSeconds(30);

    private static final Duration SHORT_CALL = Duration.ofSeconds(10);
    /** A launched program whose runner does not answer for this long is taken for dead. */
    private static final Duration LOST_AFTER = Duration.ofSeconds(30);

    /** Above the largest answer a runner gives: a poll's lines of 8 KiB each, every character escaped. */
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RunnerBoundary.class);

    private final URI base;
    private final Duration startWait;
    private final long startDeadline;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private volatile boolean up;
    private volatile boolean closed;

    /** @param base the runner, e.g. {@code http://127.0.0.1:7070} ({@code CODINSPECT_RUNNER_URL}) */
    public RunnerBoundary(URI base) {
        this(base, START_WAIT);
    }

    RunnerBoundary(URI base, Duration startWait) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.startWait = startWait;
        this.startDeadline = System.nanoTime() + startWait.toNanos();
    }

    @Override
    public Command.Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        awaitUp();
        var result = call(
                        "POST",
                        "run",
                        new RunRequest(command, dir.toString(), env, timeout.toMillis()),
                        timeout.plus(RUN_MARGIN))
                .as(RunResult.class, "run " + command.getFirst());
        return new Command.Result(result.exitCode(), result.timedOut(), List.copyOf(result.tail()));
    }

    @Override
    public Launched launch(List<String> command, Path dir, Map<String, String> env, Consumer<String> output) {
        awaitUp();
        var id = call("POST", "launch", new LaunchRequest(command, dir.toString(), env), SHORT_CALL)
                .as(RunnerProtocol.Launched.class, "start " + command.getFirst())
                .id();
        var exited = new CompletableFuture<Integer>();
        Thread.ofVirtual().name("runner-output-" + id).start(() -> follow(id, output, exited));
        return new Launched() {
            @Override
            public CompletableFuture<Integer> exited() {
                return exited;
            }

            @Override
            public void stop(Duration grace) {
                RunnerBoundary.this.stop(id, grace, exited);
            }
        };
    }

    @Override
    public void handOver(Path path) {
        // both containers run as the sandbox's user (uid 1000)
    }

    @Override
    public String describe() {
        return "the agent container's runner at " + base;
    }

    /** Tells the runner the supervisor is done, so that it exits and the pod can complete. */
    @Override
    public void close() {
        closed = true;
        try {
            call("POST", "exit", Map.of(), SHORT_CALL).as(Map.class, "exit");
            log.info("Told the runner at {} that the supervisor is done", base);
        } catch (SupervisorException e) {
            log.info("Could not tell the runner that the supervisor is done: {}", e.getMessage());
        }
    }

    /** Reads a launched program's output until it exits, or until its runner has been gone too long. */
    private void follow(String id, Consumer<String> output, CompletableFuture<Integer> exited) {
        long from = 0;
        long lostSince = 0;
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        while (!exited.isDone()) {
            try {
                var answer = call(
                        "GET",
                        "launched/" + id + "/output?from=" + from,
                        null,
                        RunnerProtocol.POLL_WAIT.plus(SHORT_CALL));
                if (answer.status() == 404) {
                    exited.complete(-1);
                    return;
                }
                var read = answer.as(Output.class, "read the output of program " + id);
                lostSince = 0;
                backoff.reset();
                if (read.dropped() > 0) {
                    output.accept("[" + read.dropped() + " lines of output were dropped: read too slowly]");
                }
                read.lines().forEach(output);
                from = read.next();
                if (read.exitCode() != null) {
                    exited.complete(read.exitCode());
                }
            } catch (SupervisorException e) {
                var now = System.nanoTime();
                lostSince = lostSince == 0 ? now : lostSince;
                if (closed) {
                    exited.complete(-1); // the runner was told to exit, and has
                    return;
                }
                if (now - lostSince > LOST_AFTER.toNanos()) {
                    log.warn(
                            "The runner has not answered for program={} for {} s: {}",
                            id,
                            LOST_AFTER.toSeconds(),
                            e.getMessage());
                    exited.complete(-1);
                    return;
                }
                backoff.pause();
            }
        }
    }

    private void stop(String id, Duration grace, CompletableFuture<Integer> exited) {
        if (exited.isDone()) {
            return;
        }
        try {
            var stopped = call(
                            "POST",
                            "launched/" + id + "/stop",
                            new StopRequest(grace.toMillis()),
                            grace.plus(SHORT_CALL))
                    .as(Output.class, "stop program " + id);
            // the output's last lines come with the follower; it ends at once now
            exited.completeOnTimeout(stopped.exitCode() == null ? -1 : stopped.exitCode(), 2, TimeUnit.SECONDS)
                    .join();
        } catch (SupervisorException e) {
            log.warn("Could not stop program={}: {}", id, e.getMessage());
        }
    }

    private void awaitUp() {
        if (up) {
            return;
        }
        synchronized (this) {
            var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
            while (!up) {
                String why;
                try {
                    var health = call("GET", "health", null, SHORT_CALL);
                    if (health.status() == 200) {
                        up = true;
                        log.info("The runner at {} answers", base);
                        return;
                    }
                    why = "HTTP " + health.status();
                } catch (SupervisorException e) {
                    why = e.getMessage();
                }
                if (System.nanoTime() > startDeadline) {
                    throw new SupervisorException("The agent container's runner at " + base + " did not answer within "
                            + startWait.toSeconds() + " s of the supervisor's start (" + why + ")");
                }
                backoff.pause();
            }
        }
    }

    /** One call with a deadline for the whole exchange; throws {@link SupervisorException} when there is no answer. */
    private Answer call(String method, String path, Object body, Duration timeout) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(
                                        EventCodec.mapper().writeValueAsString(body)))
                .build();
        var pending = http.sendAsync(request, BoundedBody.handler(MAX_ANSWER_BYTES));
        try {
            var response = pending.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new SupervisorException(
                    "the runner did not answer " + path + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new SupervisorException("the runner could not be reached: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while calling the runner", e);
        }
    }

    private record Answer(int status, byte[] body) {

        <T> T as(Class<T> type, String what) {
            if (status != 200) {
                String error;
                try {
                    error = EventCodec.mapper().readValue(body, Problem.class).error();
                } catch (RuntimeException e) {
                    error = "HTTP " + status;
                }
                throw new SupervisorException("The runner could not " + what + ": " + error);
            }
            try {
                return EventCodec.mapper().readValue(body, type);
            } catch (RuntimeException e) {
                throw new SupervisorException("The runner's answer to " + what + " is not what was expected");
            }
        }
    }
}
