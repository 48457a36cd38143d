package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import io.codinspect.testkit.net.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work is never lost: the bridge runs through a proxy that the tests stall and cut, and
 * supervisors are killed mid-turn; the real control plane, supervisors and OpenCode answer.
 */
class ReliabilityTest {

    private static final Duration TURN = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    private static LocalSystem system;
    private static TcpProxy bridge;
    private static ApiClient dana;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        bridge = TcpProxy.to(port);
        system = LocalSystem.start(
                dir.resolve("data"),
                Map.of(
                        "server.port",
                        port,
                        "codinspect.sandbox.bridge-url",
                        "ws://127.0.0.1:" + bridge.port() + "/bridge",
                        "codinspect.sandbox.heartbeat-timeout",
                        "60s"));
        dana = system.newUser("Dana Scully", "dana", "dana@example.com");
    }

    @AfterAll
    static void stop() {
        system.close();
        bridge.close();
    }

    @Test
    void aBridgeStalledFor25SecondsMidTurnComesBackAndThePromptCompletesWithEveryEventOnce() {
        var origin = GitRepo.create(dir.resolve("origin-stall"));
        system.llm()
                .script(
                        "stall-mid-stream",
                        Reply.tool("write", Map.of("filePath", "stalled.txt", "content", "written before the stall\n")),
                        Reply.slow("Half of the answer", Duration.ofSeconds(30), " and the rest of it."));
        try (var session = TestSession.open(system, dana, origin.dir().toString())) {
            var prompt = session.prompt(dana, "Please stall-mid-stream");
            await().atMost(TURN)
                    .until(() -> session.eventsOf(prompt, "tool.call").stream()
                            .anyMatch(e -> "completed".equals(e.path("status").asString())));
            var connectionsBefore = bridge.accepted();

            bridge.stallFor(Duration.ofSeconds(25));
            session.awaitCompleted(prompt, TURN);

            assertThat(bridge.accepted()).as("the supervisor reconnected").isGreaterThan(connectionsBefore);
            var seqs = session.watcher().seqs();
            assertThat(new HashSet<>(seqs)).as("no event twice").hasSize(seqs.size());
            assertThat(seqs)
                    .as("no gap")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size())
                            .boxed()
                            .toList());
            assertThat(session.eventsOf(prompt, "assistant.text"))
                    .extracting(e -> e.path("text").asString())
                    .containsExactly("Half of the answer and the rest of it.");
            assertThat(session.eventsOf(prompt, "tool.call"))
                    .filteredOn(e -> "completed".equals(e.path("status").asString()))
                    .hasSize(1);
            assertThat(session.events("sandbox.status"))
                    .extracting(e -> e.path("status").asString())
                    .doesNotContain("lost");
            assertThat(origin.show(session.branch(), "stalled.txt")).isEqualTo("written before the stall\n");
        }
    }

    @Test
    void aSupervisorKilledMidTurnLosesNoWriteTheNextSandboxRestoresItsCheckpoint() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-kill"));
        system.llm()
                .script(
                        "killed-after-write",
                        Reply.tool("write", Map.of("filePath", "survivor.txt", "content", "saved by a checkpoint\n")),
                        Reply.slow("Still working", Duration.ofMinutes(2), "."));
        system.llm().script("after-the-crash", Reply.text("The file is here."));
        try (var session = TestSession.open(system, dana, origin.dir().toString())) {
            var killed = session.prompt(dana, "Write then get killed-after-write");
            await().atMost(TURN)
                    .until(() -> system.llm().turns("killed-after-write").size() >= 2);
            var checkpoint = "refs/codinspect/checkpoints/" + session.id();
            await().atMost(Duration.ofSeconds(30)).until(() -> origin.hasFile(checkpoint, "survivor.txt"));
            var sandbox = session.sandboxOf(killed);

            SandboxProcesses.supervisor(dir.resolve("data"), sandbox).destroyForcibly();
            assertThat(TestSession.type(session.awaitEnd(killed, Duration.ofSeconds(30))))
                    .isEqualTo("prompt.failed");

            var next = session.prompt(dana, "Is the file there after-the-crash?");
            session.awaitCompleted(next, TURN);
            assertThat(session.sandboxOf(next)).isNotEqualTo(sandbox);
            assertThat(session.events("sandbox.status"))
                    .extracting(e -> e.path("message").asString())
                    .anyMatch(m -> m.startsWith("Restored the work of a lost sandbox from its last checkpoint"));
            assertThat(origin.show(session.branch(), "survivor.txt")).isEqualTo("saved by a checkpoint\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .contains("Dana Scully|dana@example.com|restored after the sandbox was lost");
        }
    }

    @Test
    void aStopSentWhileTheBridgeIsDownReachesTheSandboxWhenItReconnects() {
        var origin = GitRepo.create(dir.resolve("origin-away"));
        system.llm().script("stopped-while-away", Reply.slow("Working on it", Duration.ofMinutes(2), "."));
        try (var session = TestSession.open(system, dana, origin.dir().toString())) {
            var prompt = session.prompt(dana, "This gets stopped-while-away");
            await().atMost(TURN)
                    .until(() -> !system.llm().turns("stopped-while-away").isEmpty());

            bridge.cut();
            try {
                assertThat(dana.post("/api/sessions/" + session.id() + "/stop", null)
                                .status())
                        .isLessThan(300);
                assertThat(dana.get("/api/sessions/" + session.id() + "/prompts/" + prompt)
                                .text("status"))
                        .as("not ended behind the sandbox's back")
                        .isEqualTo("running");
            } finally {
                bridge.restore();
            }
            var ending = session.awaitEnd(prompt, Duration.ofSeconds(25));
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.cancelled");
            assertThat(ending.path("reason").asString())
                    .as("the sandbox's own report")
                    .isEqualTo("stopped");
        }
    }
}
