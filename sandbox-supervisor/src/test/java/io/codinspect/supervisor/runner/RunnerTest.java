package io.codinspect.supervisor.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.RunnerBoundary;
import io.codinspect.supervisor.boundary.RunnerProtocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner in this JVM, driven over real HTTP by the supervisor's side, {@link RunnerBoundary}. */
class RunnerTest {

    @TempDir
    Path dir;

    private Runner runner;
    private RunnerBoundary boundary;
    private final List<Boundary.Launched> launched = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        runner = Runner.start(0, System.getenv());
        boundary = new RunnerBoundary(URI.create("http://127.0.0.1:" + runner.port()));
    }

    @AfterEach
    void stop() {
        launched.forEach(l -> l.stop(Duration.ZERO));
        runner.close();
    }

    @Test
    void aCommandRunsToItsEndWithItsExitCodeAndLastLinesAndNoneOfTheSupervisorsSettings() {
        var result = boundary.run(
                List.of("bash", "-c", "echo in $(pwd); echo HOME=$HOME; env | grep -c '^CODINSPECT_'; exit 3"),
                dir,
                Map.of("HOME", "/somewhere/home"),
                Duration.ofSeconds(20));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.tail()).containsExactly("in " + dir, "HOME=/somewhere/home", "0");
        assertThat(System.getenv("CODINSPECT_SANDBOX_TOKEN"))
                .as("set by surefire, as in the supervisor's container")
                .isNotBlank();
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndSaysSo() {
        var started = System.nanoTime();
        var result =
                boundary.run(List.of("bash", "-c", "echo waiting; sleep 271"), dir, Map.of(), Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.tail()).containsExactly("waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(sleeping(271)).isZero();
    }

    @Test
    void aLaunchedProgramsOutputIsStreamedBackAndItsExitReportedAfterTheLastLine() {
        var lines = new CopyOnWriteArrayList<String>();
        var program = launch(List.of("bash", "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done; exit 7"), lines);

        assertThat(program.exited()).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(7);
        assertThat(lines).containsExactly("line 1", "line 2", "line 3");
    }

    @Test
    void stoppingALaunchedProgramEndsEverythingItStarted() {
        var lines = new CopyOnWriteArrayList<String>();
        var program = launch(List.of("bash", "-c", "sleep 272 & echo started; wait"), lines);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("started"));
        assertThat(sleeping(272)).isOne();

        program.stop(Duration.ofSeconds(2));

        assertThat(program.exited()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(sleeping(272)).isZero();
    }

    @Test
    void requestsAreBoundedAndBadOnesRefusedInWords() throws Exception {
        var http = HttpClient.newHttpClient();
        var base = "http://127.0.0.1:" + runner.port();

        var huge =
                post(http, base + "/run", "{\"command\":[\"" + "x".repeat(RunnerProtocol.MAX_REQUEST_BYTES) + "\"]}");
        assertThat(huge.statusCode()).isEqualTo(413);
        var nowhere =
                post(http, base + "/run", "{\"command\":[\"true\"],\"dir\":\"relative/dir\",\"timeoutMillis\":1000}");
        assertThat(nowhere.statusCode()).isEqualTo(400);
        assertThat(nowhere.body()).contains("absolute path");
        var unknown = http.send(
                HttpRequest.newBuilder(URI.create(base + "/launched/99/output")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> boundary.run(List.of("/no/such/program"), dir, Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining("/no/such/program");

        for (int i = 0; i < RunnerProtocol.MAX_PROGRAMS; i++) {
            launch(List.of("sleep", "273"), new CopyOnWriteArrayList<>());
        }
        assertThatThrownBy(() -> launch(List.of("sleep", "273"), new CopyOnWriteArrayList<>()))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining(RunnerProtocol.MAX_PROGRAMS + " programs are running already");
        launched.getFirst().stop(Duration.ZERO);
        assertThat(launched.getFirst().exited()).succeedsWithin(Duration.ofSeconds(5));
        launch(List.of("true"), new CopyOnWriteArrayList<>());
        assertThat(launched.getLast().exited())
                .as("an exited program's place is taken")
                .succeedsWithin(Duration.ofSeconds(10))
                .isEqualTo(0);
    }

    private Boundary.Launched launch(List<String> command, List<String> lines) {
        var program = boundary.launch(command, dir, Map.of(), lines::add);
        launched.add(program);
        return program;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many {@code sleep <seconds>} processes run on this machine. */
    static long sleeping(int seconds) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/sleep"))
                .filter(p -> List.of(p.info().arguments().orElse(new String[0])).contains(Integer.toString(seconds)))
                .count();
    }
}
