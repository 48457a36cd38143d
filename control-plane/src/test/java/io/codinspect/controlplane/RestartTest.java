package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.PromptCompleted;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance 3: the control plane on its embedded default (PostgreSQL under the data directory) is
 * stopped mid-session and started again on the same directory; nothing is lost and the queue goes on.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void sessionsPromptsAndEventsSurviveARestartAndAQueuedPromptStillRuns() throws Exception {
        var port = freePort();
        Map<String, Object> props = Map.of("codinspect.data-dir", dataDir.toString(), "server.port", port);
        var sandboxes = new SimulatedSandboxes();

        UUID sessionId;
        String aliceToken;
        List<JsonNode> eventsBefore;
        String first;
        String second;
        try (var controlPlane = RunningControlPlane.start(props, sandboxes)) {
            var alice = controlPlane.newUser("Alice", "alice");
            aliceToken = alice.token();
            sessionId = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                    .text("id"));
            first = alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "first"))
                    .text("id");
            second = alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "second"))
                    .text("id");
            await().until(() -> !sandboxes.of(sessionId).isEmpty());
            var sandbox = sandboxes.of(sessionId).getFirst();
            assertThat(sandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId()).isEqualTo(first);
            sandbox.emit(new AssistantText(first, "t1", "working on it"));
            await().until(() -> sandbox.unackedCount() == 0);
            eventsBefore = SessionFlowTest.allEvents(alice, sessionId);
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();

        var sandbox = sandboxes.of(sessionId).getFirst();
        await().until(() -> !sandbox.isConnected());
        sandbox.emit(new AssistantText(first, "t2", "written while the control plane was down"));
        sandbox.emit(new PromptCompleted(first));
        sandbox.turnEnded();

        try (var controlPlane = RunningControlPlane.start(props, sandboxes)) {
            var alice = controlPlane.admin().as(aliceToken);
            assertThat(alice.get("/api/sessions/" + sessionId).text("status")).isEqualTo("running");
            assertThat(SessionFlowTest.statuses(alice, sessionId)).containsExactly("running", "queued");
            assertThat(SessionFlowTest.allEvents(alice, sessionId)).containsExactlyElementsOf(eventsBefore);

            sandbox.connect();
            var next = sandbox.awaitPrompt(20, TimeUnit.SECONDS);
            assertThat(next.promptId()).isEqualTo(second);
            Scripts.answer(sandbox, next);
            await().until(() -> SessionFlowTest.statuses(alice, sessionId).equals(List.of("completed", "completed")));

            var texts = SessionFlowTest.allEvents(alice, sessionId).stream()
                    .filter(e -> e.get("type").asString().equals("assistant.text"))
                    .map(e -> e.get("text").asString())
                    .toList();
            assertThat(texts)
                    .containsExactly("working on it", "written while the control plane was down", "Done: second");
            assertThat(sandboxes.of(sessionId)).hasSize(1);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
