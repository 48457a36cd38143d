package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.stream.ClientMessage;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.model.stream.PresenceState;
import io.codinspect.model.stream.ServerMessage;
import io.codinspect.model.stream.Watcher;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.WatcherClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence, prompts over the socket, and slow watchers. */
class LiveStreamTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static ApiClient bob;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(
                Map.of("codinspect.stream.client-buffer-bytes", "2MB", "codinspect.events.batch-size", 50));
        alice = controlPlane.newUser("Alice", "alice");
        bob = controlPlane.newUser("Bob", "bob");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void presenceCountsEachUserOnceAcrossTabsAndFollowsJoinChangeAndLeave() {
        var sessionId = newSession();
        try (var aliceTab1 = controlPlane.watch(alice, sessionId, 0);
                var aliceTab2 = controlPlane.watch(alice, sessionId, 0)) {
            var bobTab = controlPlane.watch(bob, sessionId, 0);
            await().until(() -> names(latest(aliceTab1)).equals(List.of("Alice", "Bob")));

            bobTab.presence(PresenceState.idle);
            await().until(() -> latest(aliceTab2).stream()
                    .anyMatch(w -> w.name().equals("Bob") && w.state() == PresenceState.idle));

            bobTab.close();
            await().until(() -> names(latest(aliceTab1)).equals(List.of("Alice")));
        }
    }

    @Test
    void promptsAndStopCanBeSentOverTheSocket() throws Exception {
        var sessionId = newSession();
        try (var watcher = controlPlane.watch(bob, sessionId, 0)) {
            await().until(watcher::replayDone);
            watcher.sendPrompt("from the socket " + "\u00e9".repeat(63_000), "sock-1");
            await().until(() ->
                    !watcher.messages(ServerMessage.PromptAccepted.class).isEmpty());
            var accepted = watcher.messages(ServerMessage.PromptAccepted.class)
                    .getFirst()
                    .prompt();
            assertThat(accepted.get("author").get("login").asString()).isEqualTo("bob");

            await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
            var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
            var run = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
            assertThat(run.content()).startsWith("from the socket").hasSize(16 + 63_000);

            watcher.send(new ClientMessage.Stop());
            await().until(() -> sandbox.received().stream()
                    .anyMatch(m -> m instanceof io.codinspect.model.bridge.ControlMessage.Stop s
                            && s.promptId().equals(run.promptId())));
            sandbox.emit(new io.codinspect.model.event.PromptCancelled(run.promptId(), "stopped by user"));
            await().until(() -> SessionFlowTest.statuses(bob, sessionId).equals(List.of("cancelled")));

            watcher.send(new ClientMessage.Stop());
            await().until(() -> !watcher.messages(ServerMessage.Problem.class).isEmpty());
            assertThat(watcher.messages(ServerMessage.Problem.class).getFirst().status())
                    .isEqualTo(409);
        }
    }

    /** Large events: 150 messages, far fewer than a count of messages would stop at, but 30 MB behind. */
    @Test
    void aWatcherThatFallsTooManyBytesBehindIsToldToResumeWhileOthersAndTheSandboxCarryOn() throws Exception {
        var sessionId = newSession();
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "flood"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        var run = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        var slow = controlPlane.watch(alice, sessionId, 0);
        var fast = controlPlane.watch(bob, sessionId, 0);
        await().until(() -> slow.replayDone() && fast.replayDone());

        slow.pause();
        var big = "x".repeat(200_000);
        for (int i = 0; i < 150; i++) {
            sandbox.emit(new AssistantText(run.promptId(), "p" + i, big));
            if (i % 10 == 9) { // the fast watcher keeps up, however busy this machine is
                await().until(() -> sandbox.unackedCount() == 0 && fast.lastSeq() == lastSeq(sessionId));
            }
        }
        sandbox.emit(new PromptCompleted(run.promptId()));

        var last = await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> fast.lastSeq(), seq -> seq > 150 && seq == lastSeq(sessionId));
        assertThat(fast.closeCode()).as("the fast watcher stays connected").isNull();
        assertThat(sandbox.unackedCount()).isZero();
        slow.resume();
        await().until(() -> slow.closeCode() != null);
        assertThat(slow.closeCode()).isEqualTo(CloseCodes.TOO_SLOW_RESUME);

        try (var resumed = controlPlane.watch(alice, sessionId, slow.lastSeq())) {
            await().until(() -> resumed.lastSeq() == last);
            var all = new java.util.ArrayList<>(slow.seqs());
            all.addAll(resumed.seqs());
            assertThat(all).containsExactlyElementsOf(fast.seqs());
        }
        fast.close();
    }

    private UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    private static long lastSeq(UUID sessionId) {
        return alice.get("/api/sessions/" + sessionId).json().get("lastSeq").asLong();
    }

    private static List<Watcher> latest(WatcherClient client) {
        var presence = client.messages(ServerMessage.Presence.class);
        return presence.isEmpty() ? List.of() : presence.getLast().watchers();
    }

    private static List<String> names(List<Watcher> watchers) {
        return watchers.stream().map(Watcher::name).toList();
    }
}
