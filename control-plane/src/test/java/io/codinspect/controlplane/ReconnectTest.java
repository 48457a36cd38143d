package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.sandbox.BridgeConnections;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.SimulatedSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** Acceptance 2: watchers and bridges that drop and come back miss nothing and see nothing twice. */
class ReconnectTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start();
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void aWatcherThatDropsMidStreamResumesFromItsLastSeqWithNoGapAndNoDuplicate() throws Exception {
        var sessionId = newSession();
        var running = startPrompt(sessionId);
        var sandbox = running.sandbox;
        var first = controlPlane.watch(alice, sessionId, 0);
        await().until(first::replayDone);

        var emitter = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 600; i++) {
                sandbox.emit(new AssistantText(running.prompt.promptId(), "p" + i, "text " + i));
            }
        });
        await().until(() -> first.events().size() >= 50);
        first.abort();
        var seen = new ArrayList<>(first.seqs());
        var second = controlPlane.watch(alice, sessionId, seen.getLast());
        emitter.join();
        sandbox.emit(new PromptCompleted(running.prompt.promptId()));

        var last = await().until(() -> lastSeq(sessionId), seq -> seq > 600 && second.lastSeq() == seq);
        seen.addAll(second.seqs());
        assertThat(seen)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, last).boxed().toList());
        second.close();
    }

    @Test
    void aBridgeThatDropsAndResendsUnacknowledgedEventsIsStoredOnce() throws Exception {
        var sessionId = newSession();
        var running = startPrompt(sessionId);
        var sandbox = running.sandbox;
        var promptId = running.prompt.promptId();
        var before = lastSeq(sessionId);

        sandbox.ignoreAcks(true);
        for (int i = 0; i < 30; i++) {
            sandbox.emit(new AssistantText(promptId, "a" + i, "before drop " + i));
        }
        await().until(() -> lastSeq(sessionId) == before + 30);
        sandbox.drop();
        await().until(() -> sandboxStatuses(sessionId).contains("disconnected"));
        for (int i = 0; i < 10; i++) {
            sandbox.emit(new AssistantText(promptId, "b" + i, "while away " + i));
        }
        assertThat(sandbox.unackedCount()).isEqualTo(40);

        sandbox.ignoreAcks(false);
        sandbox.resendEverythingOnReconnect(true);
        sandbox.connect();
        await().until(() -> sandbox.unackedCount() == 0);
        sandbox.emit(new PromptCompleted(promptId));
        await().until(() -> SessionFlowTest.statuses(alice, sessionId).equals(List.of("completed")));

        var texts = SessionFlowTest.allEvents(alice, sessionId).stream()
                .filter(e -> e.get("type").asString().equals("assistant.text"))
                .map(e -> e.get("text").asString())
                .toList();
        assertThat(texts).hasSize(40).doesNotHaveDuplicates();
        assertThat(texts.subList(0, 30)).allMatch(t -> t.startsWith("before drop"));
        assertThat(texts.subList(30, 40)).allMatch(t -> t.startsWith("while away"));
        var welcomes = sandbox.received().stream()
                .filter(m -> m instanceof ControlMessage.Welcome)
                .map(m -> ((ControlMessage.Welcome) m).lastEventId())
                .toList();
        assertThat(welcomes).containsExactly(0L, 30L);
        assertThat(sandboxStatuses(sessionId)).containsSubsequence("connected", "disconnected", "connected");
    }

    @Test
    void aSecondConnectionOfTheSameSandboxReplacesTheFirstAndWorkGoesOn() throws Exception {
        var sessionId = newSession();
        var running = startPrompt(sessionId);
        var sandbox = running.sandbox;
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "after the switch"));

        sandbox.connect();

        await().until(() -> sandbox.closeCodes().contains(CloseCodes.REPLACED));
        sandbox.emit(new PromptCompleted(running.prompt.promptId()));
        var next = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        assertThat(next.content()).isEqualTo("after the switch");
        assertThat(sandboxStatuses(sessionId)).doesNotContain("disconnected");
    }

    /** The control plane closes bridges after a commit (dropping one to resend, ending a sandbox): still recorded. */
    @Test
    void aBridgeTheControlPlaneDropsAfterACommitIsRecordedAsDisconnected() throws Exception {
        var sessionId = newSession();
        var sandbox = startPrompt(sessionId).sandbox;
        var sandboxId = UUID.fromString(SessionFlowTest.allEvents(alice, sessionId).stream()
                .filter(e -> e.get("type").asString().equals("sandbox.status"))
                .findFirst()
                .orElseThrow()
                .get("sandboxId")
                .asString());

        controlPlane
                .bean(TransactionTemplate.class)
                .executeWithoutResult(status -> AfterCommit.run(
                        () -> controlPlane.bean(BridgeConnections.class).drop(sandboxId, "a test drops it")));

        await().until(() -> sandbox.closeCodes().contains(CloseCodes.GOING_AWAY_RESUME));
        await().until(() -> sandboxStatuses(sessionId).contains("disconnected"));
    }

    private record Running(SimulatedSandbox sandbox, ControlMessage.RunPrompt prompt) {}

    private UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    private Running startPrompt(UUID sessionId) throws InterruptedException {
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "go"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        return new Running(sandbox, sandbox.awaitPrompt(10, TimeUnit.SECONDS));
    }

    private static long lastSeq(UUID sessionId) {
        return alice.get("/api/sessions/" + sessionId).json().get("lastSeq").asLong();
    }

    private static List<String> sandboxStatuses(UUID sessionId) {
        return SessionFlowTest.allEvents(alice, sessionId).stream()
                .filter(e -> e.get("type").asString().equals("sandbox.status"))
                .map(e -> e.get("status").asString())
                .toList();
    }
}
