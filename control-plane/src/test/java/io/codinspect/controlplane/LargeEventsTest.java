package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.SimulatedSandbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Events are bounded: each stored event at most {@code max-event-size} (256 KiB by default) however
 * large the sandbox made it, and pages of events at most {@code page-bytes} (200 KB here).
 */
class LargeEventsTest {

    private static final int CAP = 256 * 1024;
    private static final int PAGE_BYTES = 200 * 1024;
    private static final String MARKER = ".*… \\[cut [0-9,]+ bytes]$";

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.events.page-bytes", "200KB",
                "codinspect.events.large-message-budget", "8MB",
                "codinspect.sandbox.max-active", 20));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void sixMegabyteToolInputsAndTextsFromASandboxAreCutOnArrivalAndTheStreamGoesOn() throws Exception {
        var sessionId = newSession();
        var run = startPrompt(sessionId);
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        try (var watcher = controlPlane.watch(alice, sessionId, 0)) {
            await().until(watcher::replayDone);
            var input = EventCodec.mapper().createObjectNode().put("filePath", "big.txt");
            input.put("content", "x".repeat(6_000_000));
            sandbox.emit(
                    new ToolCall(run.promptId(), "c1", "write", ToolStatus.completed, input, "ok", false, "w", null));
            sandbox.emit(new AssistantText(run.promptId(), "t1", "€".repeat(2_000_000))); // 6 MB of UTF-8
            sandbox.emit(new AssistantText(run.promptId(), "t2", "after the large ones"));
            sandbox.emit(new PromptCompleted(run.promptId()));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> types(watcher.events()).contains("prompt.completed"));
            var stored = all(sessionId);
            var call = only(stored, "tool.call");
            assertThat(storedSize(call)).isLessThanOrEqualTo(CAP);
            assertThat(call.get("input").get("content").asString()).matches("(?s)x+" + MARKER);
            assertThat(call.get("input").get("filePath").asString()).isEqualTo("big.txt");
            assertThat(call.get("truncated").asBoolean()).isTrue();
            var texts = stored.stream()
                    .filter(e -> e.get("type").asString().equals("assistant.text"))
                    .toList();
            assertThat(storedSize(texts.get(0))).isLessThanOrEqualTo(CAP);
            assertThat(texts.get(0).get("text").asString()).matches("(?s)€+" + MARKER);
            assertThat(texts.get(1).get("text").asString()).isEqualTo("after the large ones");
            assertThat(texts.get(1).has("truncated")).isFalse();
            assertThat(watcher.events().stream().map(LargeEventsTest::storedSize))
                    .allMatch(size -> size <= CAP);
            assertThat(watcher.isOpen()).isTrue();
        }
        await().until(() -> sandbox.unackedCount() == 0);
        assertThat(sandbox.isConnected()).as("the bridge stays open").isTrue();
        assertThat(SessionFlowTest.statuses(alice, sessionId)).containsExactly("completed");
    }

    @Test
    void aBridgeMessageLargerThanTheWholeBudgetClosesTheBridgeWith1009() throws Exception {
        var sessionId = newSession();
        var run = startPrompt(sessionId);
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();

        sandbox.emit(new AssistantText(run.promptId(), "t1", "y".repeat(9 * 1024 * 1024)));

        await().until(() -> !sandbox.closeCodes().isEmpty());
        assertThat(sandbox.closeCodes()).containsExactly(CloseCodes.TOO_BIG);
        assertThat(largeMessageChars()).isZero();
    }

    @Test
    void aSandboxThatDiesInTheMiddleOfALargeMessageGivesBackWhatItBorrowed() throws Exception {
        var sessionId = newSession();
        var run = startPrompt(sessionId);
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();

        sandbox.sendPart(
                "{\"type\":\"event\",\"id\":1,\"event\":{\"type\":\"assistant.text\",\"promptId\":\"" + run.promptId()
                        + "\",\"text\":\"" + "z".repeat(2_000_000),
                false);
        await().until(() -> largeMessageChars() > 1_000_000);
        sandbox.drop();

        await().until(() -> largeMessageChars() == 0);
    }

    @Test
    void theEventsEndpointEndsAPageBeforeTheEventThatWouldTakeItPastItsBytes() throws Exception {
        var sessionId = newSession();
        var run = startPrompt(sessionId);
        var sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        for (int i = 0; i < 3; i++) {
            sandbox.emit(new AssistantText(run.promptId(), "s" + i, "small"));
        }
        sandbox.emit(new AssistantText(run.promptId(), "m1", "m".repeat(90_000)));
        sandbox.emit(new AssistantText(run.promptId(), "m2", "m".repeat(90_000)));
        sandbox.emit(new AssistantText(run.promptId(), "l1", "l".repeat(250_000))); // larger than a page
        for (int i = 0; i < 3; i++) {
            sandbox.emit(new AssistantText(run.promptId(), "t" + i, "small"));
        }
        sandbox.emit(new PromptCompleted(run.promptId()));
        await().until(() -> SessionFlowTest.statuses(alice, sessionId).equals(List.of("completed")));
        long last =
                alice.get("/api/sessions/" + sessionId).json().get("lastSeq").asLong();

        var pages = new ArrayList<Page>();
        long after = 0;
        do {
            var page = page(sessionId, after);
            pages.add(page);
            after = page.events.getLast().get("seq").asLong();
        } while (pages.getLast().hasMore);

        var seqs = pages.stream()
                .flatMap(p -> p.events.stream())
                .map(e -> e.get("seq").asLong())
                .toList();
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(pages).allMatch(p -> p.events.size() == 1 || p.bytes() <= PAGE_BYTES);
        var alone = pages.stream()
                .filter(p -> p.events.getFirst().path("partId").asString().equals("l1"))
                .findFirst()
                .orElseThrow();
        assertThat(alone.events)
                .as("an event larger than a page has a page of its own")
                .hasSize(1);
        assertThat(alone.hasMore).isTrue();
        var both = pages.stream()
                .filter(p -> p.events.stream()
                        .anyMatch(e -> e.path("partId").asString().equals("m2")))
                .findFirst()
                .orElseThrow();
        assertThat(parts(both)).as("the page before it ends with what fits").contains("m1", "m2");
        try (var watcher = controlPlane.watch(alice, sessionId, 0)) {
            await().until(watcher::replayDone);
            assertThat(watcher.seqs()).containsExactlyElementsOf(seqs);
        }
    }

    @Test
    void aPromptOfTheLargestAllowedLengthIsStoredWhole() {
        var sessionId = newSession();
        var content = "€".repeat(64_000);

        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", content));

        var message = only(all(sessionId), "user.message");
        assertThat(message.get("content").asString()).isEqualTo(content);
        assertThat(message.has("truncated")).isFalse();
    }

    private record Page(List<ObjectNode> events, boolean hasMore) {
        long bytes() {
            return events.stream()
                    .mapToLong(e -> e.toString().getBytes(StandardCharsets.UTF_8).length)
                    .sum();
        }
    }

    private static Page page(UUID sessionId, long after) {
        var json = alice.get("/api/sessions/" + sessionId + "/events?limit=1000&after=" + after)
                .json();
        var events = new ArrayList<ObjectNode>();
        json.get("events").forEach(e -> events.add((ObjectNode) e));
        return new Page(events, json.get("hasMore").asBoolean());
    }

    /** Every stored event of the session, read page by page. */
    private static List<ObjectNode> all(UUID sessionId) {
        var events = new ArrayList<ObjectNode>();
        Page page;
        do {
            page = page(
                    sessionId,
                    events.isEmpty() ? 0 : events.getLast().get("seq").asLong());
            events.addAll(page.events);
        } while (page.hasMore);
        return events;
    }

    /** UTF-8 bytes of an event's type and fields as stored, without the seq and time added for clients. */
    private static long storedSize(ObjectNode event) {
        var stored = event.deepCopy();
        stored.remove("seq");
        stored.remove("createdAt");
        return EventCodec.mapper().writeValueAsString(stored).getBytes(StandardCharsets.UTF_8).length;
    }

    private static ObjectNode only(List<ObjectNode> events, String type) {
        var matching = events.stream()
                .filter(e -> e.get("type").asString().equals(type))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static List<String> types(List<ObjectNode> events) {
        return events.stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<String> parts(Page page) {
        return page.events.stream().map(e -> e.path("partId").asString()).toList();
    }

    private static double largeMessageChars() {
        return controlPlane
                .bean(MeterRegistry.class)
                .get("codinspect.bridge.large_message_chars")
                .gauge()
                .value();
    }

    private ControlMessage.RunPrompt startPrompt(UUID sessionId) throws InterruptedException {
        alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "go"));
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        SimulatedSandbox sandbox = controlPlane.sandboxes().of(sessionId).getFirst();
        await().until(sandbox::isConnected);
        return sandbox.awaitPrompt(10, TimeUnit.SECONDS);
    }

    private static UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }
}
