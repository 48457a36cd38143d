package io.codinspect.supervisor.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.supervisor.boundary.RunnerBoundary;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as its own process, as in a pod's agent container, SIGTERMed as Kubernetes does when
 * the pod is deleted: it serves on, and leaves what it launched running, until told it is done.
 */
class RunnerMainTest {

    @TempDir
    Path dir;

    private Process runner;

    @AfterEach
    void kill() {
        if (runner != null) {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }

    @Test
    void afterSigtermItServesTheSupervisorAndKeepsItsProgramsUntilTheSupervisorIsDone() throws Exception {
        var boundary = start(30);
        var lines = new CopyOnWriteArrayList<String>();
        var agent = boundary.launch(List.of("bash", "-c", "echo agent up; exec sleep 274"), dir, Map.of(), lines::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("agent up"));

        runner.destroy(); // SIGTERM, to the runner alone, as the kubelet sends it

        var git = boundary.run(List.of("bash", "-c", "sleep 1; echo committed"), dir, Map.of(), Duration.ofSeconds(10));
        assertThat(git.ok()).isTrue();
        assertThat(git.tail()).containsExactly("committed");
        assertThat(runner.isAlive()).isTrue();
        assertThat(agent.exited()).isNotDone();
        assertThat(RunnerTest.sleeping(274)).isOne();

        boundary.close();

        assertThat(runner.onExit()).succeedsWithin(Duration.ofSeconds(15));
        assertThat(agent.exited()).succeedsWithin(Duration.ofSeconds(15));
        assertThat(RunnerTest.sleeping(274)).isZero();
    }

    @Test
    void afterSigtermWithoutTheSupervisorItExitsWhenTheGracePeriodIsOver() throws Exception {
        var boundary = start(1);
        assertThat(boundary.run(List.of("true"), dir, Map.of(), Duration.ofSeconds(10))
                        .ok())
                .isTrue();

        var sent = System.nanoTime();
        runner.destroy();

        assertThat(runner.onExit()).succeedsWithin(Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - sent))
                .as("the grace period and its margin")
                .isGreaterThanOrEqualTo(
                        Duration.ofSeconds(1).plus(RunnerMain.MARGIN).minusMillis(500));
        assertThat(Files.readString(dir.resolve("runner.log")))
                .contains("did not say it was done within the stop grace period");
    }

    private RunnerBoundary start(int graceSeconds) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunnerMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("runner.log").toFile());
        builder.environment().put("CODINSPECT_RUNNER_PORT", Integer.toString(port));
        builder.environment().put("CODINSPECT_STOP_GRACE_SECONDS", Integer.toString(graceSeconds));
        runner = builder.start();
        return new RunnerBoundary(URI.create("http://127.0.0.1:" + port));
    }
}
