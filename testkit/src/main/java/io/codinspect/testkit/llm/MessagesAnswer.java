package io.codinspect.testkit.llm;

import static io.codinspect.testkit.llm.EventStream.object;

import io.codinspect.testkit.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API: {@code message_start} with the input usage, a {@code ping}, per
 * content block {@code content_block_start}, its deltas ({@code text_delta}, {@code
 * thinking_delta} then one {@code signature_delta}, {@code input_json_delta}) and {@code
 * content_block_stop}; then {@code message_delta} with the stop reason and the output tokens, and
 * {@code message_stop}.
 */
final class MessagesAnswer implements Answer {

    /** The text or thinking block being streamed. */
    private record Open(String type, int index, StringBuilder text) {}

    private final String model;
    private final String id = EventStream.id("msg_");
    private final List<Map<String, Object>> content = new ArrayList<>();
    private EventStream events;
    private Open open;

    MessagesAnswer(String model) {
        this.model = model;
    }

    @Override
    public Map<String, Object> write(Reply.Stream reply, Usage usage, EventStream events) throws IOException {
        this.events = events;
        var start = message(null, input(usage, 1));
        emit("message_start", "message", start);
        emit("ping");
        for (var chunk : reply.chunks()) {
            switch (chunk) {
                case Chunk.Text text -> {
                    var block = open("text");
                    for (var piece : EventStream.pieces(text.text())) {
                        delta(block.index(), object("type", "text_delta", "text", piece));
                    }
                    block.text().append(text.text());
                }
                case Chunk.Reasoning thought -> {
                    var block = open("thinking");
                    for (var piece : EventStream.pieces(thought.text())) {
                        delta(block.index(), object("type", "thinking_delta", "thinking", piece));
                    }
                    block.text().append(thought.text());
                }
                case Chunk.ToolCall call -> toolUse(call);
                case Chunk.Pause pause -> events.pause(pause.duration());
                case Chunk.Hold hold -> events.hold(hold.until(), hold.atMost());
            }
        }
        close();
        var stopReason = reply.callsTools() ? "tool_use" : "end_turn";
        var delta = object("stop_reason", stopReason, "stop_sequence", null);
        emit("message_delta", "delta", delta, "usage", object("output_tokens", usage.output()));
        emit("message_stop");
        return message(stopReason, input(usage, usage.output()));
    }

    @Override
    public Map<String, Object> error(Reply.Failure failure) {
        var type = switch (failure.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> failure.status() >= 500 ? "api_error" : "invalid_request_error";
        };
        return object("type", "error", "error", object("type", type, "message", failure.message()));
    }

    private void toolUse(Chunk.ToolCall call) throws IOException {
        close();
        var index = content.size();
        var toolId = EventStream.id("toolu_");
        var block = object("type", "tool_use", "id", toolId, "name", call.name(), "input", Map.of());
        emit("content_block_start", "index", index, "content_block", block);
        var args = call.argumentsJson();
        var half = args.length() / 2;
        for (var piece : List.of(args.substring(0, half), args.substring(half))) {
            delta(index, object("type", "input_json_delta", "partial_json", piece));
        }
        emit("content_block_stop", "index", index);
        content.add(object("type", "tool_use", "id", toolId, "name", call.name(), "input", Json.parse(args)));
    }

    /** The open block of this type, or a new one after closing any other. */
    private Open open(String type) throws IOException {
        if (open != null && open.type().equals(type)) {
            return open;
        }
        close();
        open = new Open(type, content.size(), new StringBuilder());
        content.add(null); // its place; filled in when it closes
        var block = type.equals("text")
                ? object("type", "text", "text", "")
                : object("type", "thinking", "thinking", "", "signature", "");
        emit("content_block_start", "index", open.index(), "content_block", block);
        return open;
    }

    private void close() throws IOException {
        if (open == null) {
            return;
        }
        var text = open.text().toString();
        if (open.type().equals("text")) {
            content.set(open.index(), object("type", "text", "text", text));
        } else {
            var signature = "fake-signature-" + EventStream.id("");
            delta(open.index(), object("type", "signature_delta", "signature", signature));
            content.set(open.index(), object("type", "thinking", "thinking", text, "signature", signature));
        }
        emit("content_block_stop", "index", open.index());
        open = null;
    }

    private Map<String, Object> message(String stopReason, Map<String, Object> usage) {
        return object(
                "id",
                id,
                "type",
                "message",
                "role",
                "assistant",
                "model",
                model,
                "content",
                stopReason == null ? List.of() : List.copyOf(content),
                "stop_reason",
                stopReason,
                "stop_sequence",
                null,
                "usage",
                usage);
    }

    private static Map<String, Object> input(Usage usage, long outputTokens) {
        return object(
                "input_tokens",
                usage.input(),
                "cache_creation_input_tokens",
                usage.cacheWrite(),
                "cache_read_input_tokens",
                usage.cacheRead(),
                "output_tokens",
                outputTokens);
    }

    private void delta(int index, Map<String, Object> delta) throws IOException {
        emit("content_block_delta", "index", index, "delta", delta);
    }

    private void emit(String type, Object... fields) throws IOException {
        var event = object("type", type);
        event.putAll(object(fields));
        events.event(type, event);
    }
}
