package io.codinspect.supervisor.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.Reasoning;
import io.codinspect.model.event.StepFinished;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.model.event.Warning;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenCode 1.18.33's real event stream (recorded against the fake LLM) translated into ours. */
class EventTranslatorTest {

    private final RecordingSink sink = new RecordingSink();
    private final EventTranslator translator = new EventTranslator(sink);

    @Test
    void aTurnWithReasoningTextAndAToolCallBecomesOurEventsAndEndsAtItsIdle() throws IOException {
        var events = recorded("write-then-401.jsonl");
        translator.follow(sessionId(events));
        var turn = new Turn("p1");
        translator.begin(turn);
        feedUntilDone(events, turn);

        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Completed());
        assertThat(sink.of(Reasoning.class))
                .singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("I should write the file now."));
        assertThat(sink.of(AssistantText.class))
                .extracting(AssistantText::text)
                .containsExactly("Writing it.", "I wrote hello.txt for you.");
        assertThat(sink.of(ToolCall.class))
                .extracting(ToolCall::status)
                .containsExactly(ToolStatus.pending, ToolStatus.running, ToolStatus.completed);
        var completed = sink.of(ToolCall.class).getLast();
        assertThat(completed.tool()).isEqualTo("write");
        assertThat(completed.input().path("filePath").asString()).isEqualTo("hello.txt");
        assertThat(completed.output()).isEqualTo("Wrote file successfully.");
        assertThat(sink.of(StepFinished.class)).extracting(StepFinished::reason).containsExactly("tool-calls", "stop");
        assertThat(sink.of(StepFinished.class).getFirst().tokens().total()).isPositive();
        assertThat(sink.deltas).extracting(RecordingSink.Delta::kind).contains(DeltaKind.text, DeltaKind.reasoning);
        assertThat(String.join(
                        "",
                        sink.deltas.stream()
                                .filter(d -> d.kind() == DeltaKind.reasoning)
                                .map(RecordingSink.Delta::text)
                                .toList()))
                .isEqualTo("I should write the file now.");
        assertThat(sink.events).allSatisfy(e -> assertThat(e.promptId()).isEqualTo("p1"));
    }

    @Test
    void aProviderErrorFailsTheNextTurnWithTheProvidersMessageAndTheLateSecondIdleIsHarmless() throws IOException {
        var events = recorded("write-then-401.jsonl");
        translator.follow(sessionId(events));
        var first = new Turn("p1");
        translator.begin(first);
        var rest = feedUntilDone(events, first);
        var second = new Turn("p2");
        translator.begin(second);
        var left = feedUntilDone(rest, second);

        assertThat(second.done()).isCompletedWithValue(new Turn.Outcome.Failed("Incorrect API key provided: sk-test"));
        var third = new Turn("p3");
        translator.begin(third);
        left.forEach(translator::accept);
        assertThat(third.done())
                .as("a stray idle must not end a turn that never got busy")
                .isNotDone();
    }

    @Test
    void providerRetriesBecomeWarnings() throws IOException {
        var events = recorded("retry.jsonl");
        translator.follow(sessionId(events));
        translator.begin(new Turn("p1"));
        events.forEach(translator::accept);
        assertThat(sink.of(Warning.class))
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w.message()).contains("retrying, attempt"));
    }

    @Test
    void eventsOfOtherSessionsAreIgnored() throws IOException {
        var events = recorded("write-then-401.jsonl");
        translator.follow("ses_someone_else");
        var turn = new Turn("p1");
        translator.begin(turn);
        events.forEach(translator::accept);
        assertThat(sink.events).isEmpty();
        assertThat(turn.done()).isNotDone();
    }

    @Test
    void aTurnWhoseEventsWereMissedIsCaughtUpFromTheMessagesOnceAndTheEventsSeenLaterChangeNothing()
            throws IOException {
        var events = recorded("write-then-401.jsonl");
        var whole = new RecordingSink();
        var reference = new EventTranslator(whole);
        reference.follow(sessionId(events));
        var wholeTurn = new Turn("p1");
        reference.begin(wholeTurn);
        var ofFirstTurn = events.subList(
                0, events.size() - feedUntilDone(reference, events, wholeTurn).size());

        translator.follow(sessionId(events));
        var turn = new Turn("p1");
        translator.begin(turn);
        var missedFrom = ofFirstTurn.size() / 2; // the event stream broke off in the middle of the turn
        ofFirstTurn.subList(0, missedFrom).forEach(translator::accept);
        assertThat(turn.done()).isNotDone();

        translator.reconcile(messages(ofFirstTurn), null, true);

        assertThat(turn.done()).isCompletedWithValue(new Turn.Outcome.Completed());
        assertThat(sink.events).containsExactlyElementsOf(whole.events);
        var caughtUp = List.copyOf(sink.events);
        ofFirstTurn.subList(missedFrom, ofFirstTurn.size()).forEach(translator::accept); // late, or replayed
        translator.reconcile(messages(ofFirstTurn), null, true);
        assertThat(sink.events).as("nothing reported twice").containsExactlyElementsOf(caughtUp);
    }

    @Test
    void aTurnStoppedMidSentenceKeepsTheTextItHadOnceItIsOver() {
        translator.follow("ses_1");
        var turn = new Turn("p1");
        translator.begin(turn);
        var messages = Json.parse("""
                [{"info": {"id": "msg_u", "role": "user", "sessionID": "ses_1"}, "parts": []},
                 {"info": {"id": "msg_a", "role": "assistant", "sessionID": "ses_1", "time": {"created": 1}},
                  "parts": [{"id": "prt_1", "messageID": "msg_a", "sessionID": "ses_1", "type": "text",
                             "text": "Thinking hard about it", "time": {"start": 1}}]}]
                """);

        assertThat(translator.settled(messages, null))
                .as("OpenCode has not finished the message yet")
                .isFalse();
        translator.settle(messages, null);
        translator.settle(messages, null);

        assertThat(sink.of(AssistantText.class))
                .extracting(AssistantText::text)
                .containsExactly("Thinking hard about it");
        assertThat(sink.events).allSatisfy(e -> assertThat(e.promptId()).isEqualTo("p1"));
    }

    /** What OpenCode's {@code GET /session/{id}/message} answers after these events: each message's last state. */
    private static JsonNode messages(List<JsonNode> events) {
        var infos = new java.util.LinkedHashMap<String, JsonNode>();
        var parts = new java.util.LinkedHashMap<String, java.util.LinkedHashMap<String, JsonNode>>();
        for (var event : events) {
            var properties = event.path("properties");
            switch (event.path("type").asString()) {
                case "message.updated" ->
                    infos.put(properties.path("info").path("id").asString(), properties.path("info"));
                case "message.part.updated" -> {
                    var part = properties.path("part");
                    parts.computeIfAbsent(part.path("messageID").asString(), id -> new java.util.LinkedHashMap<>())
                            .put(part.path("id").asString(), part);
                }
                default -> {}
            }
        }
        var answer = io.codinspect.model.event.EventCodec.mapper().createArrayNode();
        infos.forEach((id, info) -> {
            var message = answer.addObject();
            message.set("info", info);
            var list = message.putArray("parts");
            parts.getOrDefault(id, new java.util.LinkedHashMap<>()).values().forEach(list::add);
        });
        return answer;
    }

    /** Feeds events until the turn is done; returns the events not fed. */
    private List<JsonNode> feedUntilDone(List<JsonNode> events, Turn turn) {
        return feedUntilDone(translator, events, turn);
    }

    private static List<JsonNode> feedUntilDone(EventTranslator translator, List<JsonNode> events, Turn turn) {
        for (var i = 0; i < events.size(); i++) {
            translator.accept(events.get(i));
            if (turn.done().isDone()) {
                return events.subList(i + 1, events.size());
            }
        }
        return List.of();
    }

    private static String sessionId(List<JsonNode> events) {
        return events.stream()
                .filter(e -> "session.created".equals(e.path("type").asString()))
                .findFirst()
                .orElseThrow()
                .path("properties")
                .path("sessionID")
                .asString();
    }

    private static List<JsonNode> recorded(String name) throws IOException {
        try (var in = EventTranslatorTest.class.getResourceAsStream("/opencode/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .map(Json::parse)
                    .toList();
        }
    }
}
