package io.codinspect.supervisor.turn;

import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.Reasoning;
import io.codinspect.model.event.StepFinished;
import io.codinspect.model.event.Tokens;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.model.event.Warning;
import io.codinspect.supervisor.bridge.EventSink;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns OpenCode's events for the sandbox's OpenCode session into CodInspect events for the
 * running prompt: text and reasoning deltas (live), finished text and reasoning parts, tool calls
 * through their states, step tokens and cost, provider retries, errors and the end of the turn.
 * What was already reported is remembered per turn, so that the same part seen again (OpenCode
 * repeats updates; {@link #reconcile} replays the turn from OpenCode's message API after its event
 * stream reconnected) is never reported twice.
 */
final class EventTranslator {

    private final EventSink bridge;
    // written by the event stream's thread, cleared by the prompt's thread at each new turn
    private final Map<String, String> partTypes = new ConcurrentHashMap<>();
    private final Map<String, String> toolStates = new ConcurrentHashMap<>();
    private final Set<String> assistantMessages = ConcurrentHashMap.newKeySet();
    private final Set<String> finishedParts = ConcurrentHashMap.newKeySet();
    private final Runnable toolFinished;
    private volatile String opencodeSession;
    private volatile Turn turn;

    /** @param toolFinished told when a tool call of the turn completed or failed (it may have changed files) */
    EventTranslator(EventSink bridge, Runnable toolFinished) {
        this.bridge = bridge;
        this.toolFinished = toolFinished;
    }

    EventTranslator(EventSink bridge) {
        this(bridge, () -> {});
    }

    void follow(String opencodeSessionId) {
        this.opencodeSession = opencodeSessionId;
    }

    /** Starts following a new turn; what was remembered about the last one's parts is dropped. */
    synchronized void begin(Turn next) {
        partTypes.clear();
        toolStates.clear();
        assistantMessages.clear();
        finishedParts.clear();
        this.turn = next;
    }

    /**
     * Reports what the turn's messages hold that was not reported yet, from OpenCode's
     * {@code GET /session/{id}/message} answer, and ends the turn when OpenCode is idle and its last
     * assistant message is finished. The turn's messages are those after {@code afterMessageId} (the
     * session's last message before the prompt was sent), or after the last user message.
     */
    synchronized void reconcile(JsonNode messages, String afterMessageId, boolean idle) {
        var current = turn;
        if (current == null || !messages.isArray()) {
            return;
        }
        JsonNode last = null;
        for (var message : assistantMessagesOfTurn(messages, afterMessageId)) {
            var info = message.path("info");
            assistantMessages.add(info.path("id").asString());
            for (var part : message.path("parts")) {
                part(current.promptId(), part);
            }
            last = info;
        }
        if (idle && last != null && settled(last)) {
            if (last.has("error")) {
                current.error(errorMessage(last.path("error")));
            }
            current.busy();
            current.idle();
        }
    }

    /** Whether the turn's last assistant message is finished (completed, or ended by an error or abort). */
    boolean settled(JsonNode messages, String afterMessageId) {
        var ofTurn = assistantMessagesOfTurn(messages, afterMessageId);
        return ofTurn.isEmpty() || settled(ofTurn.getLast().path("info"));
    }

    /**
     * Reports, once the turn is over, what its messages hold that was not reported yet: finished
     * parts, and also text and reasoning that OpenCode never marked finished (a turn stopped
     * mid-sentence), with the text they had, so nothing the agent said is lost from the timeline.
     */
    synchronized void settle(JsonNode messages, String afterMessageId) {
        var current = turn;
        if (current == null || !messages.isArray()) {
            return;
        }
        for (var message : assistantMessagesOfTurn(messages, afterMessageId)) {
            assistantMessages.add(message.path("info").path("id").asString());
            for (var part : message.path("parts")) {
                part(current.promptId(), part);
                var partId = part.path("id").asString();
                var text = part.path("text").asString("");
                var type = part.path("type").asString("");
                if (!text.isBlank() && ("text".equals(type) || "reasoning".equals(type)) && finishedParts.add(partId)) {
                    bridge.emit(
                            "text".equals(type)
                                    ? new AssistantText(current.promptId(), partId, text)
                                    : new Reasoning(current.promptId(), partId, text));
                }
            }
        }
    }

    private static boolean settled(JsonNode info) {
        return info.path("time").has("completed") || info.has("error");
    }

    /**
     * The assistant messages of the turn: those after {@code afterMessageId} (the session's last
     * message before the prompt was sent), or after the last user message when the marker is older
     * than the page.
     */
    private static java.util.List<JsonNode> assistantMessagesOfTurn(JsonNode messages, String afterMessageId) {
        var ofTurn = new java.util.ArrayList<JsonNode>();
        var seen = afterMessageId == null;
        for (var message : messages) {
            var id = message.path("info").path("id").asString("");
            if (!seen) {
                seen = id.equals(afterMessageId);
                continue;
            }
            ofTurn.add(message);
        }
        if (!seen) {
            for (var message : messages) {
                if ("user".equals(message.path("info").path("role").asString())) {
                    ofTurn.clear();
                } else {
                    ofTurn.add(message);
                }
            }
        }
        ofTurn.removeIf(m -> !"assistant".equals(m.path("info").path("role").asString()));
        return ofTurn;
    }

    synchronized void accept(JsonNode event) {
        var properties = event.path("properties");
        var current = turn;
        if (current == null || !sessionOf(properties).equals(opencodeSession)) {
            return;
        }
        var promptId = current.promptId();
        switch (event.path("type").asString("")) {
            case "session.status" -> status(current, properties.path("status"));
            case "message.updated" -> {
                var info = properties.path("info");
                if ("assistant".equals(info.path("role").asString())) {
                    assistantMessages.add(info.path("id").asString());
                }
            }
            case "message.part.delta" -> delta(promptId, properties);
            case "message.part.updated" -> part(promptId, properties.path("part"));
            case "session.error" -> current.error(errorMessage(properties.path("error")));
            case "session.idle" -> current.idle();
            default -> {}
        }
    }

    private void status(Turn current, JsonNode status) {
        switch (status.path("type").asString("")) {
            case "busy" -> current.busy();
            case "retry" ->
                bridge.emit(new Warning(
                        current.promptId(),
                        "The model provider failed (" + status.path("message").asString("no details")
                                + "); retrying, attempt "
                                + status.path("attempt").asInt()));
            default -> {}
        }
    }

    private void delta(String promptId, JsonNode properties) {
        if (!"text".equals(properties.path("field").asString())) {
            return;
        }
        var partId = properties.path("partID").asString();
        var kind = "reasoning".equals(partTypes.get(partId)) ? DeltaKind.reasoning : DeltaKind.text;
        bridge.delta(promptId, partId, kind, properties.path("delta").asString(""));
    }

    private void part(String promptId, JsonNode part) {
        var partId = part.path("id").asString();
        var type = part.path("type").asString("");
        partTypes.put(partId, type);
        if (!assistantMessages.contains(part.path("messageID").asString())) {
            return;
        }
        var finished = part.path("time").has("end");
        switch (type) {
            case "text" -> {
                if (finished && finishedParts.add(partId)) {
                    bridge.emit(new AssistantText(
                            promptId, partId, part.path("text").asString("")));
                }
            }
            case "reasoning" -> {
                if (finished && finishedParts.add(partId)) {
                    bridge.emit(
                            new Reasoning(promptId, partId, part.path("text").asString("")));
                }
            }
            case "tool" -> tool(promptId, part);
            case "step-finish" -> {
                if (finishedParts.add(partId)) {
                    bridge.emit(new StepFinished(
                            promptId, part.path("reason").asString(null), tokens(part.path("tokens")), cost(part)));
                }
            }
            default -> {}
        }
    }

    private void tool(String promptId, JsonNode part) {
        var state = part.path("state");
        var status = ToolStatus.valueOf(state.path("status").asString("pending"));
        var callId = part.path("callID").asString();
        if (status.name().equals(toolStates.put(callId, status.name()))) {
            return; // same state again (OpenCode repeats updates with more metadata)
        }
        var input = state.path("input");
        bridge.emit(new ToolCall(
                promptId,
                callId,
                part.path("tool").asString(),
                status,
                input.isObject() && !input.isEmpty() ? input : null,
                state.path("output").asString(null),
                false,
                state.path("title").asString(null),
                state.path("error").asString(null)));
        if (status == ToolStatus.completed || status == ToolStatus.error) {
            toolFinished.run();
        }
    }

    private static Tokens tokens(JsonNode tokens) {
        return new Tokens(
                tokens.path("total").asLong(),
                tokens.path("input").asLong(),
                tokens.path("output").asLong(),
                tokens.path("reasoning").asLong(),
                tokens.path("cache").path("read").asLong(),
                tokens.path("cache").path("write").asLong());
    }

    private static BigDecimal cost(JsonNode part) {
        return part.path("cost").isNumber() ? part.path("cost").decimalValue() : null;
    }

    private static String errorMessage(JsonNode error) {
        var message = error.path("data").path("message").asString("");
        var name = error.path("name").asString("Error");
        if (message.isBlank()) {
            return name;
        }
        var firstLine = message.lines().findFirst().orElse(message);
        return "ProviderAuthError".equals(name) ? "Authentication failed: " + firstLine : firstLine;
    }

    private static String sessionOf(JsonNode properties) {
        var direct = properties.path("sessionID").asString("");
        if (!direct.isEmpty()) {
            return direct;
        }
        return properties
                .path("part")
                .path("sessionID")
                .asString(properties.path("info").path("sessionID").asString(""));
    }
}
