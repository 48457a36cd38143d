package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.stream.ServerMessage;
import io.codinspect.testkit.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Acceptance 1: two users, three queued prompts, one simulated sandbox, three views of one timeline. */
class SessionFlowTest {

    private static RunningControlPlane controlPlane;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start();
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void aReviewPromptReachesTheSandboxAsAReviewAWorkPromptAsWorkAndAnUnknownKindIsRefused() throws Exception {
        var carol = controlPlane.newUser("Carol Review", "carol");
        var created = carol.post("/api/sessions", Map.of("repository", "https://git.example.com/acme/review.git"));
        var prompts = "/api/sessions/" + created.text("id") + "/prompts";

        var refused = carol.post(prompts, Map.of("content", "Do it", "kind", "deploy"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(carol.get(prompts).json()).as("nothing queued").isEmpty();

        var review = carol.post(prompts, Map.of("content", "Review the change", "kind", "review"));
        assertThat(review.status()).isEqualTo(202);
        assertThat(review.text("kind")).isEqualTo("review");
        var work = carol.post(prompts, Map.of("content", "Now fix it"));
        assertThat(work.text("kind")).isEqualTo("work");

        var sessionId = UUID.fromString(created.text("id"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        var first = sandbox.awaitPrompt(20, TimeUnit.SECONDS);
        assertThat(first.promptId()).isEqualTo(review.text("id"));
        assertThat(first.review()).isTrue();
        Scripts.answer(sandbox, first);
        var second = sandbox.awaitPrompt(20, TimeUnit.SECONDS);
        assertThat(second.promptId()).isEqualTo(work.text("id"));
        assertThat(second.review()).isFalse();
        Scripts.answer(sandbox, second);
    }

    @Test
    void promptsOfTwoUsersRunOneAtATimeInOrderAndEveryWatcherSeesTheSameGapFreeTimeline() throws Exception {
        var alice = controlPlane.newUser("Alice Liddell", "alice");
        var bob = controlPlane.newUser("Bob Builder", "bob");
        var created = alice.post(
                "/api/sessions", Map.of("repository", "https://git.example.com/acme/app.git", "title", "Fix it"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("created");
        assertThat(created.text("baseBranch")).isEqualTo("main");
        var sessionId = UUID.fromString(created.text("id"));
        assertThat(created.text("branch"))
                .isEqualTo("codinspect/" + sessionId.toString().substring(0, 8));

        try (var aliceWatch = controlPlane.watch(alice, sessionId, 0);
                var bobWatch = controlPlane.watch(bob, sessionId, 0)) {
            await().until(() -> aliceWatch.replayDone() && bobWatch.replayDone());

            var contents = List.of("first", "second", "third");
            var authors = List.of(alice, bob, alice);
            var promptIds = new ArrayList<String>();
            for (int i = 0; i < 3; i++) {
                var queued = authors.get(i)
                        .post("/api/sessions/" + sessionId + "/prompts", Map.of("content", contents.get(i)));
                assertThat(queued.status()).isEqualTo(202);
                assertThat(queued.text("status")).isIn("queued", "running");
                assertThat(queued.json().get("position").asInt()).isEqualTo(i);
                promptIds.add(queued.text("id"));
            }

            await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
            var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
            var logins = List.of("alice", "bob", "alice");
            for (int i = 0; i < 3; i++) {
                var run = sandbox.awaitPrompt(20, TimeUnit.SECONDS);
                assertThat(run.promptId()).isEqualTo(promptIds.get(i));
                assertThat(run.content()).isEqualTo(contents.get(i));
                assertThat(run.author().login()).isEqualTo(logins.get(i));
                assertThat(run.author().email()).isEqualTo(logins.get(i) + "@example.com");
                assertThat(run.branch()).isEqualTo(created.text("branch"));
                assertThat(statuses(alice, sessionId)).containsExactlyElementsOf(expectedStatuses(i));
                assertThat(sandbox.pollPrompt())
                        .as("only one prompt runs at a time")
                        .isNull();
                Scripts.answer(sandbox, run);
            }
            await().until(() -> statuses(alice, sessionId).equals(List.of("completed", "completed", "completed")));

            var stored = allEvents(alice, sessionId);
            long last = stored.getLast().get("seq").asLong();
            assertThat(stored.stream().map(e -> e.get("seq").asLong()).toList())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, last).boxed().toList());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> aliceWatch.lastSeq() == last && bobWatch.lastSeq() == last);
            assertThat(List.<JsonNode>copyOf(aliceWatch.events())).containsExactlyElementsOf(stored);
            assertThat(List.<JsonNode>copyOf(bobWatch.events())).containsExactlyElementsOf(stored);

            var types = stored.stream().map(e -> e.get("type").asString()).toList();
            assertThat(types)
                    .contains(
                            "user.message",
                            "sandbox.status",
                            "prompt.started",
                            "assistant.text",
                            "tool.call",
                            "step.finished",
                            "prompt.completed");
            assertThat(types).doesNotContain("delta");
            var userMessages = stored.stream()
                    .filter(e -> e.get("type").asString().equals("user.message"))
                    .toList();
            assertThat(userMessages)
                    .extracting(e -> e.get("author").get("name").asString())
                    .containsExactly("Alice Liddell", "Bob Builder", "Alice Liddell");
            assertThat(aliceWatch.messages(ServerMessage.Delta.class))
                    .as("live watchers receive deltas")
                    .isNotEmpty();
            var session = alice.get("/api/sessions/" + sessionId);
            assertThat(session.text("status")).isEqualTo("idle");
            assertThat(session.json().get("lastSeq").asLong()).isEqualTo(last);
        }
    }

    private static List<String> expectedStatuses(int running) {
        var statuses = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            statuses.add(i < running ? "completed" : i == running ? "running" : "queued");
        }
        return statuses;
    }

    static List<String> statuses(ApiClient client, UUID sessionId) {
        var list = client.get("/api/sessions/" + sessionId + "/prompts").json();
        var statuses = new ArrayList<String>();
        list.forEach(p -> statuses.add(p.get("status").asString()));
        return statuses;
    }

    static List<JsonNode> allEvents(ApiClient client, UUID sessionId) {
        var events = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = client.get("/api/sessions/" + sessionId + "/events?after=" + after + "&limit=7")
                    .json();
            page.get("events").forEach(events::add);
            if (!events.isEmpty()) {
                after = events.getLast().get("seq").asLong();
            }
            if (!page.get("hasMore").asBoolean()) {
                return events;
            }
        }
    }
}
