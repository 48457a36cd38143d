package io.codinspect.supervisor.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.LocalBoundary;
import io.codinspect.supervisor.boundary.RunnerProtocol;
import io.codinspect.supervisor.boundary.RunnerProtocol.LaunchRequest;
import io.codinspect.supervisor.boundary.RunnerProtocol.Problem;
import io.codinspect.supervisor.boundary.RunnerProtocol.RunRequest;
import io.codinspect.supervisor.boundary.RunnerProtocol.RunResult;
import io.codinspect.supervisor.boundary.RunnerProtocol.StopRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's HTTP endpoint on {@code 127.0.0.1} ({@link RunnerProtocol}): runs what the
 * supervisor asks for as plain child processes ({@link LocalBoundary#none}) of the agent's
 * container, with the container's environment minus any {@code CODINSPECT_*} variable. Bounded
 * everywhere: request bodies, arguments, runs at once, programs kept, output lines kept per program.
 */
final class Runner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    private static final Pattern PROGRAM = Pattern.compile("/launched/([0-9]+)/(output|stop)");
    private static final Duration STOP_ON_EXIT = Duration.ofSeconds(5);

    private final LocalBoundary boundary;
    private final HttpServer server;
    private final Semaphore runs = new Semaphore(RunnerProtocol.MAX_RUNS);
    private final Map<String, Program> programs = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    private Runner(LocalBoundary boundary, HttpServer server) {
        this.boundary = boundary;
        this.server = server;
    }

    /** Serves on {@code 127.0.0.1:port} (0 for any free port). */
    static Runner start(int port, Map<String, String> env) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        var runner = new Runner(LocalBoundary.none(env), server);
        server.createContext("/", runner::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return runner;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Waits until the supervisor said it is done ({@code POST /exit}); false if {@code wait} ran out first. */
    boolean awaitDone(Duration wait) throws InterruptedException {
        return done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the supervisor said it is done. */
    boolean finished() {
        return done.getCount() == 0;
    }

    /** Stops every program still running, each with {@code grace}, all at once. */
    void stopAll(Duration grace) {
        List<Program> running;
        synchronized (programs) {
            running = programs.values().stream().filter(p -> !p.exited()).toList();
        }
        var stopping = running.stream()
                .map(p -> Thread.ofVirtual().start(() -> {
                    try {
                        p.stop(grace);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .toList();
        for (var thread : stopping) {
            try {
                thread.join(grace.plusSeconds(6));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var method = exchange.getRequestMethod();
            try {
                Object answer = switch (method + " " + path) {
                    case "GET /health" -> Map.of("programs", running());
                    case "POST /run" -> run(Wire.read(exchange, RunRequest.class));
                    case "POST /launch" -> launch(Wire.read(exchange, LaunchRequest.class));
                    case "POST /exit" -> exit();
                    default -> program(exchange, method, path);
                };
                Wire.answer(exchange, 200, answer);
            } catch (Wire.Refused refused) {
                Wire.answer(exchange, refused.status, new Problem(refused.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Wire.answer(exchange, 503, new Problem("the runner is stopping"));
            }
        }
    }

    private RunResult run(RunRequest request) {
        var command = Wire.command(request.command());
        var dir = Wire.dir(request.dir());
        var env = Wire.env(request.env());
        if (request.timeoutMillis() <= 0 || request.timeoutMillis() > RunnerProtocol.MAX_RUN_TIMEOUT.toMillis()) {
            throw new Wire.Refused(
                    400, "timeoutMillis must be between 1 and " + RunnerProtocol.MAX_RUN_TIMEOUT.toMillis());
        }
        if (!runs.tryAcquire()) {
            throw new Wire.Refused(429, RunnerProtocol.MAX_RUNS + " commands are running already");
        }
        try {
            var result = boundary.run(command, dir, env, Duration.ofMillis(request.timeoutMillis()));
            return new RunResult(result.exitCode(), result.timedOut(), result.tail());
        } catch (SupervisorException e) {
            throw new Wire.Refused(422, e.getMessage());
        } finally {
            runs.release();
        }
    }

    private RunnerProtocol.Launched launch(LaunchRequest request) {
        var command = Wire.command(request.command());
        var dir = Wire.dir(request.dir());
        var env = Wire.env(request.env());
        synchronized (programs) {
            if (programs.size() >= RunnerProtocol.MAX_PROGRAMS) {
                programs.values().stream()
                        .filter(Program::exited)
                        .findFirst()
                        .ifPresent(oldest -> programs.remove(oldest.id()));
            }
            if (programs.size() >= RunnerProtocol.MAX_PROGRAMS) {
                throw new Wire.Refused(429, RunnerProtocol.MAX_PROGRAMS + " programs are running already");
            }
            var id = Long.toString(ids.incrementAndGet());
            var output = new OutputBuffer(RunnerProtocol.MAX_BUFFERED_LINES);
            try {
                programs.put(id, new Program(id, boundary.launch(command, dir, env, output::add), output));
            } catch (SupervisorException e) {
                throw new Wire.Refused(422, e.getMessage());
            }
            log.info("Launched program={}: {}", id, command.getFirst());
            return new RunnerProtocol.Launched(id);
        }
    }

    private Object program(HttpExchange exchange, String method, String path) throws InterruptedException {
        var matcher = PROGRAM.matcher(path);
        if (!matcher.matches()) {
            throw new Wire.Refused(404, "no such endpoint: " + method + " " + path);
        }
        Program program;
        synchronized (programs) {
            program = programs.get(matcher.group(1));
        }
        if (program == null) {
            throw new Wire.Refused(404, "no program " + matcher.group(1));
        }
        if (matcher.group(2).equals("output") && method.equals("GET")) {
            return program.output()
                    .read(Wire.from(exchange), RunnerProtocol.MAX_LINES_PER_POLL, RunnerProtocol.POLL_WAIT);
        }
        if (matcher.group(2).equals("stop") && method.equals("POST")) {
            var grace = Wire.read(exchange, StopRequest.class).graceMillis();
            if (grace < 0 || grace > Duration.ofMinutes(5).toMillis()) {
                throw new Wire.Refused(400, "graceMillis must be between 0 and 300000");
            }
            log.info("Stopping program={} (grace {} ms)", program.id(), grace);
            return program.stop(Duration.ofMillis(grace));
        }
        throw new Wire.Refused(405, method + " is not allowed on " + path);
    }

    private Map<String, Object> exit() {
        log.info("The supervisor is done; stopping what still runs and exiting");
        Thread.ofVirtual().name("runner-exit").start(() -> {
            stopAll(STOP_ON_EXIT);
            done.countDown();
        });
        return Map.of("exiting", true);
    }

    private int running() {
        synchronized (programs) {
            return (int) programs.values().stream().filter(p -> !p.exited()).count();
        }
    }
}
