package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The control plane as its own process ({@code java -jar control-plane-exec.jar}), so that it can
 * be stopped with SIGTERM or killed with SIGKILL and started again on the same port, database and
 * data directory, as an operator's restart or a crash would.
 *
 * <p>A start-up that fails while the run disturbed it (the control plane fails fast when its
 * database connections are dropped while it starts) is retried as a Deployment's restart policy
 * would, a few times, each failure counted and printed; one that fails undisturbed, keeps failing
 * or hangs fails the run.
 */
final class ControlPlaneProcess implements AutoCloseable {

    private final Path root;
    private final Path log;
    private final int port;
    private final Map<String, String> settings;
    private static final int START_ATTEMPTS = 5;

    private Process process;
    private int starts;
    private int failedStarts;
    private volatile long disturbedAtNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1); // not yet

    ControlPlaneProcess(Path root, Path log, int port, Map<String, String> settings) {
        this.root = root;
        this.log = log;
        this.port = port;
        this.settings = settings;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int starts() {
        return starts;
    }

    /** Start-ups that exited and were retried. */
    int failedStarts() {
        return failedStarts;
    }

    /** The run just disturbed what the control plane depends on (its database connections). */
    void disturbed() {
        disturbedAtNanos = System.nanoTime();
    }

    synchronized void start() throws IOException {
        for (var attempt = 1; ; attempt++) {
            var logFrom = Files.exists(log) ? Files.size(log) : 0;
            var launchedAt = System.nanoTime();
            launch();
            try {
                awaitHealthy(Duration.ofSeconds(120));
                return;
            } catch (StartupExited e) {
                var reason = startupFailure(logFrom);
                if (disturbedAtNanos - launchedAt < 0) {
                    throw new IOException(
                            "the control plane exited during a start-up nothing disturbed: " + reason + "; see " + log);
                }
                failedStarts++;
                System.out.printf("chaos: control plane start-up %d failed (%s)%n", attempt, reason);
                if (attempt == START_ATTEMPTS) {
                    throw new IOException("the control plane exited during start-up " + attempt + " times, last: "
                            + reason + "; see " + log);
                }
                Api.pause(Duration.ofSeconds(attempt)); // backing off, as a restart policy does
            }
        }
    }

    private void launch() throws IOException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:MaxGCPauseMillis=5",
                "-jar",
                root.resolve("control-plane/target/control-plane-exec.jar").toString(),
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        starts++;
    }

    /** What made the start-up that began at {@code logFrom} fail: the first cause Spring printed. */
    private String startupFailure(long logFrom) throws IOException {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logFrom);
            var lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            var failed = -1;
            for (var i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("Application run failed")) {
                    failed = i;
                    break;
                }
            }
            if (failed < 0) {
                return "no failure printed";
            }
            return lines.stream()
                    .skip(failed + 1)
                    .filter(line -> !line.isBlank() && !line.startsWith("\t"))
                    .findFirst()
                    .orElse("no cause printed");
        }
    }

    /** The process ended before it was healthy. */
    private static final class StartupExited extends IOException {
        StartupExited(String message) {
            super(message);
        }
    }

    /** SIGTERM, as Ctrl-C or a rolling restart: waits for it to end (its sandboxes save their work). */
    synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** SIGKILL, as a crash: its local supervisors live on, to be adopted by the next start. */
    synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    synchronized boolean isUp() {
        return process != null && process.isAlive();
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        var client = new ApiClient(base(), null);
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartupExited("the control plane exited during start-up; see " + log);
            }
            try {
                if (client.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            try {
                Thread.sleep(250); // polling a process that is starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the control plane started", e);
            }
        }
        throw new IOException("the control plane was not healthy within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
