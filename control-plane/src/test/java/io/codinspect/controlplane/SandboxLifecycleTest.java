package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sandboxes that go silent, events the control plane must keep or cut, and archiving. */
class SandboxLifecycleTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.sandbox.heartbeat-timeout", "2s",
                "codinspect.sandbox.reaper-interval", "200ms",
                "codinspect.events.tool-output-limit", 100,
                "codinspect.prompts.stop-timeout", "1s",
                "codinspect.sandbox.connect-timeout", "2s"));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void aSandboxThatStopsHeartbeatingIsLostItsPromptFailsClearlyAndTheQueueMovesToANewSandbox() throws Exception {
        var sessionId = newSession();
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "first"));
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "second"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var silent = controlPlane.sandboxes().of(sessionId).getFirst();
        silent.awaitPrompt(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> controlPlane.sandboxes().of(sessionId).size() == 2);

        var first = alice.get("/api/sessions/" + sessionId + "/prompts").json().get(0);
        assertThat(first.get("status").asString()).isEqualTo("failed");
        assertThat(first.get("error").asString()).contains("sandbox was lost").contains("no heartbeat");
        var replacement = controlPlane.sandboxes().of(sessionId).get(1);
        var second = replacement.awaitPrompt(10, TimeUnit.SECONDS);
        assertThat(second.content()).isEqualTo("second");
        assertThat(types(sessionId)).containsSubsequence("prompt.started", "sandbox.status", "prompt.failed");
        assertThat(controlPlane.sandboxes().stopped()).isNotEmpty();
    }

    @Test
    void aSandboxThatNeverConnectsFailsTheQueueClearlyInsteadOfBeingRetriedForever() {
        var sessionId = newSession();
        controlPlane.sandboxes().neverConnect(true);
        try {
            alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "first"));
            alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "second"));

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> SessionFlowTest.statuses(alice, sessionId).equals(List.of("failed", "failed")));
            var first =
                    alice.get("/api/sessions/" + sessionId + "/prompts").json().get(0);
            assertThat(first.get("error").asString()).contains("did not connect within 2 s");
            assertThat(controlPlane.sandboxes().of(sessionId)).hasSize(1);
        } finally {
            controlPlane.sandboxes().neverConnect(false);
        }
    }

    @Test
    void aHeartbeatingSandboxIsKeptAndUnknownEventKindsAreKeptWhileToolOutputIsCut() throws Exception {
        var sessionId = newSession();
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "go"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        var run = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        try (var beats = sandbox.heartbeatEvery(Duration.ofMillis(300))) {
            sandbox.emitRaw(Json.parse("{\"type\":\"browser.screenshot\",\"promptId\":\"" + run.promptId()
                    + "\",\"url\":\"https://x/y.png\"}"));
            sandbox.emit(new ToolCall(
                    run.promptId(), "c1", "bash", ToolStatus.completed, null, "y".repeat(500), false, "cat big", null));
            var bigInput = Json.parse("{\"filePath\":\"big.txt\",\"content\":\"" + "z".repeat(300_000) + "\"}");
            sandbox.emit(
                    new ToolCall(run.promptId(), "c2", "write", ToolStatus.running, bigInput, null, false, null, null));
            sandbox.emit(new io.codinspect.model.event.AssistantText(run.promptId(), "nul", "a\u0000b \\u0000 c"));
            sandbox.emitRaw(Json.parse("{\"type\":\"user.message\",\"content\":\"forged\"}"));
            sandbox.emitRaw(Json.parse("{\"type\":\"step.finished\",\"tokens\":\"lots\"}"));
            await().until(() -> sandbox.unackedCount() == 0);
            // longer than the heartbeat timeout: a heartbeating sandbox must stay connected throughout
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !types(sessionId).contains("prompt.failed") && sandbox.isConnected());
            sandbox.emit(new PromptCompleted(run.promptId()));
            await().until(() -> SessionFlowTest.statuses(alice, sessionId).equals(List.of("completed")));

            var events = SessionFlowTest.allEvents(alice, sessionId);
            assertThat(find(events, "assistant.text").get("text").asString()).isEqualTo("a\uFFFDb \\u0000 c");
            var screenshot = find(events, "browser.screenshot");
            assertThat(screenshot.get("url").asString()).isEqualTo("https://x/y.png");
            var written = events.stream()
                    .filter(e -> e.get("type").asString().equals("tool.call")
                            && e.get("callId").asString().equals("c2"))
                    .findFirst()
                    .orElseThrow();
            var content = written.get("input").get("content").asString(); // over the 256 KiB event limit: cut
            assertThat(content.length()).isBetween(250_000, 262_144);
            assertThat(content.substring(0, 1_000)).isEqualTo("z".repeat(1_000));
            assertThat(content.substring(content.lastIndexOf('…'))).matches("… \\[cut [0-9,]+ bytes]");
            assertThat(written.get("input").get("filePath").asString()).isEqualTo("big.txt");
            assertThat(written.get("truncated").asBoolean()).isTrue();
            var tool = find(events, "tool.call");
            assertThat(tool.get("output").asString()).hasSize(100);
            assertThat(tool.get("outputTruncated").asBoolean()).isTrue();
            var warnings = events.stream()
                    .filter(e -> e.get("type").asString().equals("warning"))
                    .map(e -> e.get("message").asString())
                    .toList();
            assertThat(warnings).anyMatch(w -> w.contains("'user.message'"));
            assertThat(warnings).anyMatch(w -> w.contains("could not be read"));
            assertThat(types(sessionId)).filteredOn("user.message"::equals).hasSize(1);
            assertThat(types(sessionId)).doesNotContain("prompt.failed");
        }
    }

    @Test
    void aStopTheSandboxNeverConfirmsIsEnforcedSoTheSessionIsNotStuck() throws Exception {
        var sessionId = newSession();
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "endless"));
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "next"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        var endless = sandbox.awaitPrompt(10, TimeUnit.SECONDS);

        assertThat(alice.post("/api/sessions/" + sessionId + "/stop", null).text("id"))
                .isEqualTo(endless.promptId());
        try (var beats = sandbox.heartbeatEvery(Duration.ofMillis(300))) {
            var next = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
            assertThat(next.content()).isEqualTo("next");
            var prompts = alice.get("/api/sessions/" + sessionId + "/prompts").json();
            assertThat(prompts.get(0).get("status").asString()).isEqualTo("cancelled");
            var cancelled = find(SessionFlowTest.allEvents(alice, sessionId), "prompt.cancelled");
            assertThat(cancelled.get("reason").asString()).contains("did not confirm");
        }
    }

    @Test
    void archivingCancelsQueuedPromptsStopsTheSandboxAndRefusesNewPromptsUntilUnarchived() throws Exception {
        var sessionId = newSession();
        assertThat(alice.post("/api/sessions/" + sessionId + "/archive", null).text("status"))
                .isEqualTo("archived");
        assertThat(alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "x"))
                        .status())
                .isEqualTo(409);
        assertThat(alice.get("/api/sessions?size=200").json().get("items").findValuesAsString("id"))
                .doesNotContain(sessionId.toString());
        assertThat(alice.get("/api/sessions?status=archived&size=200")
                        .json()
                        .get("items")
                        .findValuesAsString("id"))
                .contains(sessionId.toString());

        assertThat(alice.post("/api/sessions/" + sessionId + "/unarchive", null).text("status"))
                .isEqualTo("idle");
        assertThat(alice.patch("/api/sessions/" + sessionId, Map.of("title", "Renamed"))
                        .text("title"))
                .isEqualTo("Renamed");
        assertThat(alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "x"))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void archivingAnIdleSessionShutsItsSandboxDown() throws Exception {
        var sessionId = newSession();
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "work"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        Scripts.answer(sandbox, sandbox.awaitPrompt(10, TimeUnit.SECONDS));
        await().until(() ->
                alice.get("/api/sessions/" + sessionId).text("status").equals("idle"));

        assertThat(alice.post("/api/sessions/" + sessionId + "/archive", null).status())
                .isEqualTo(200);

        await().until(() -> sandbox.received().stream()
                .anyMatch(m -> m instanceof io.codinspect.model.bridge.ControlMessage.Shutdown s
                        && s.reason().equals("session archived")));
        await().until(() -> !sandbox.isConnected());
        var last = SessionFlowTest.allEvents(alice, sessionId).getLast();
        assertThat(last.get("type").asString()).isEqualTo("sandbox.status");
        assertThat(last.get("status").asString()).isEqualTo("stopped");
    }

    private static UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    private static List<String> types(UUID sessionId) {
        return SessionFlowTest.allEvents(alice, sessionId).stream()
                .map(e -> e.get("type").asString())
                .toList();
    }

    private static JsonNode find(List<JsonNode> events, String type) {
        return events.stream()
                .filter(e -> e.get("type").asString().equals(type))
                .findFirst()
                .orElseThrow();
    }
}
