package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.Json;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C of {@code ./codinspect up} in the middle of a turn: the control plane tells its sandboxes,
 * each commits and pushes what its turn changed and reports it while the bridge and the database
 * are still up; after a restart on the same data the session goes on.
 */
class ShutdownTest {

    private static final String TOKEN = "cit_shutdown-test-token-0123456789abcdefghijklmn";
    private static final Duration TURN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private FakeLlm llm;
    private Process up;

    @AfterEach
    void stop() throws InterruptedException {
        if (up != null && up.isAlive()) {
            up.destroy();
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void sigtermOfCodinspectUpMidTurnSavesTheTurnsWorkOnTheBranchAndTheSessionGoesOnAfterARestart() throws Exception {
        llm = FakeLlm.start(0);
        llm.script(
                "interrupted-by-ctrl-c",
                Reply.tool("write", Map.of("filePath", "interrupted.txt", "content", "written before Ctrl-C\n")),
                Reply.slow("Still working on it", Duration.ofMinutes(2), "."));
        llm.script("after-the-restart", Reply.text("Back again."));
        var origin = GitRepo.create(dir.resolve("origin"));
        var port = freePort();
        var api = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN);

        up = startUp(port);
        var session =
                api.post("/api/sessions", Map.of("repository", origin.dir().toString()));
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        var sessionId = session.text("id");
        var branch = session.text("branch");
        var prompt = api.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "interrupted-by-ctrl-c"))
                .text("id");
        await().atMost(TURN).until(() -> llm.turns("interrupted-by-ctrl-c").size() >= 2);

        up.destroy(); // SIGTERM, as Ctrl-C of the launcher (it execs java)
        assertThat(up.waitFor(90, TimeUnit.SECONDS))
                .as("the control plane stopped")
                .isTrue();
        assertThat(origin.show(branch, "interrupted.txt")).isEqualTo("written before Ctrl-C\n");
        assertThat(origin.git("log", "-1", "--format=%s", "refs/heads/" + branch)
                        .strip())
                .startsWith("work in progress, stopped: ");
        var head = origin.head(branch);

        up = startUp(port);
        var ended = api.get("/api/sessions/" + sessionId + "/prompts/" + prompt);
        assertThat(ended.text("status")).isEqualTo("failed");
        assertThat(ended.text("error"))
                .as("the prompt says why it stopped and where its work is")
                .contains("Stopped: the control plane is shutting down")
                .contains("the work so far is on " + branch + " at " + head.substring(0, 12));
        var next = api.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "after-the-restart"))
                .text("id");
        await().atMost(TURN)
                .until(() ->
                        java.util.Set.of("completed", "failed", "cancelled").contains(status(api, sessionId, next)));
        assertThat(status(api, sessionId, next)).isEqualTo("completed");
        assertThat(origin.show(branch, "interrupted.txt")).isEqualTo("written before Ctrl-C\n");
    }

    private Process startUp(int port) throws IOException {
        var root =
                Path.of(System.getProperty("codinspect.root")).toAbsolutePath().normalize();
        var config = Map.of(
                "codinspect",
                Map.of(
                        "bootstrap",
                        Map.of("token", TOKEN),
                        "sandbox",
                        Map.of("local", Map.of("heartbeat-interval", "2s")),
                        "models",
                        Map.of(
                                "default-model",
                                "fake/m1",
                                "providers",
                                Map.of(
                                        "fake",
                                        Map.of(
                                                "type",
                                                "openai-compatible",
                                                "base-url",
                                                llm.baseUrl(),
                                                "api-key",
                                                "sk-shutdown-test",
                                                "models",
                                                java.util.List.of("m1"))))));
        var builder = new ProcessBuilder(root.resolve("codinspect").toString(), "up")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("up.log").toFile()));
        builder.environment().put("CODINSPECT_NO_BUILD", "1");
        builder.environment().put("CODINSPECT_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SPRING_APPLICATION_JSON", Json.write(config));
        var process = builder.start();
        var health = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || healthy(health));
        assertThat(process.isAlive())
                .as("./codinspect up is running: %s", Files.readString(dir.resolve("up.log")))
                .isTrue();
        return process;
    }

    private static boolean healthy(ApiClient client) {
        try {
            return client.get("/actuator/health").status() == 200;
        } catch (RuntimeException e) {
            return false; // not listening yet
        }
    }

    private static String status(ApiClient api, String sessionId, String promptId) {
        return api.get("/api/sessions/" + sessionId + "/prompts/" + promptId).text("status");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
