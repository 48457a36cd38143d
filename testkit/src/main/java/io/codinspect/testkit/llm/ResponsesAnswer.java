package io.codinspect.testkit.llm;

import static io.codinspect.testkit.llm.EventStream.object;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Responses API: {@code response.created}, {@code response.in_progress}, then per output item
 * {@code response.output_item.added}, its deltas ({@code response.output_text.delta}, {@code
 * response.reasoning_summary_text.delta}, {@code response.function_call_arguments.delta}) framed by
 * the matching part and done events, {@code response.output_item.done}, and last {@code
 * response.completed} with the usage. Every event has a {@code sequence_number}. Reasoning items
 * carry an {@code encrypted_content} when the request's {@code include} asks for it.
 */
final class ResponsesAnswer implements Answer {

    /** The message or reasoning item being streamed. */
    private record Open(boolean message, String id, int index, StringBuilder text) {}

    private final String model;
    private final boolean encryptReasoning;
    private final String id = EventStream.id("resp_");
    private final long createdAt = System.currentTimeMillis() / 1000;
    private final List<Map<String, Object>> output = new ArrayList<>();
    private EventStream events;
    private int sequence;
    private Open open;

    ResponsesAnswer(String model, JsonNode request) {
        this.model = model;
        this.encryptReasoning = request.path("include")
                .valueStream()
                .anyMatch(i -> "reasoning.encrypted_content".equals(i.asString("")));
    }

    @Override
    public Map<String, Object> write(Reply.Stream reply, Usage usage, EventStream events) throws IOException {
        this.events = events;
        emit("response.created", object("response", response("in_progress", null)));
        emit("response.in_progress", object("response", response("in_progress", null)));
        for (var chunk : reply.chunks()) {
            switch (chunk) {
                case Chunk.Text text -> {
                    open(true);
                    for (var piece : EventStream.pieces(text.text())) {
                        emitText("response.output_text.delta", "delta", piece, "logprobs", List.of());
                    }
                    open.text().append(text.text());
                }
                case Chunk.Reasoning thought -> {
                    open(false);
                    for (var piece : EventStream.pieces(thought.text())) {
                        emitSummary("response.reasoning_summary_text.delta", "delta", piece);
                    }
                    open.text().append(thought.text());
                }
                case Chunk.ToolCall call -> functionCall(call);
                case Chunk.Pause pause -> events.pause(pause.duration());
                case Chunk.Hold hold -> events.hold(hold.until(), hold.atMost());
            }
        }
        close();
        var completed = response("completed", usage);
        emit("response.completed", object("response", completed));
        return completed;
    }

    @Override
    public Map<String, Object> error(Reply.Failure failure) {
        return Answer.openAiError(failure);
    }

    private void functionCall(Chunk.ToolCall call) throws IOException {
        close();
        var args = call.argumentsJson();
        var index = output.size();
        var item = object("id", EventStream.id("fc_"), "type", "function_call", "status", "in_progress");
        item.putAll(object("arguments", "", "call_id", EventStream.id("call_"), "name", call.name()));
        emit("response.output_item.added", object("output_index", index, "item", item));
        var scope = object("item_id", item.get("id"), "output_index", index);
        var half = args.length() / 2;
        for (var piece : List.of(args.substring(0, half), args.substring(half))) {
            emit("response.function_call_arguments.delta", with(scope, "delta", piece));
        }
        emit("response.function_call_arguments.done", with(scope, "arguments", args));
        var done = with(item, "status", "completed");
        done.put("arguments", args);
        output.add(done);
        emit("response.output_item.done", object("output_index", index, "item", done));
    }

    /** Makes the open item a message or a reasoning, closing any other. */
    private void open(boolean message) throws IOException {
        if (open != null && open.message() == message) {
            return;
        }
        close();
        open = new Open(message, EventStream.id(message ? "msg_" : "rs_"), output.size(), new StringBuilder());
        output.add(null); // its place; filled in when it closes
        var item = message
                ? object("id", open.id(), "type", "message", "status", "in_progress", "content", List.of())
                : reasoningItem("");
        if (message) {
            item.put("role", "assistant");
        }
        emit("response.output_item.added", object("output_index", open.index(), "item", item));
        if (message) {
            emitText("response.content_part.added", "part", textPart(""));
        } else {
            emitSummary("response.reasoning_summary_part.added", "part", summaryPart(""));
        }
    }

    private void close() throws IOException {
        if (open == null) {
            return;
        }
        var text = open.text().toString();
        Map<String, Object> item;
        if (open.message()) {
            emitText("response.output_text.done", "text", text, "logprobs", List.of());
            emitText("response.content_part.done", "part", textPart(text));
            item = object("id", open.id(), "type", "message", "status", "completed", "role", "assistant");
            item.put("content", List.of(textPart(text)));
        } else {
            emitSummary("response.reasoning_summary_text.done", "text", text);
            emitSummary("response.reasoning_summary_part.done", "part", summaryPart(text));
            item = reasoningItem(text);
        }
        output.set(open.index(), item);
        emit("response.output_item.done", object("output_index", open.index(), "item", item));
        open = null;
    }

    private Map<String, Object> reasoningItem(String text) {
        var summary = text.isEmpty() ? List.of() : List.of(summaryPart(text));
        var item = object("id", open.id(), "type", "reasoning", "summary", summary);
        if (encryptReasoning) {
            item.put("encrypted_content", "fake-encrypted-" + open.id());
        }
        return item;
    }

    private static Map<String, Object> textPart(String text) {
        return object("type", "output_text", "annotations", List.of(), "logprobs", List.of(), "text", text);
    }

    private static Map<String, Object> summaryPart(String text) {
        return object("type", "summary_text", "text", text);
    }

    private Map<String, Object> response(String status, Usage usage) {
        var response = object("id", id, "object", "response", "created_at", createdAt, "status", status);
        response.putAll(object("error", null, "incomplete_details", null, "model", model));
        response.put("output", status.equals("completed") ? List.copyOf(output) : List.of());
        response.put("usage", usage == null ? null : usage(usage));
        return response;
    }

    private static Map<String, Object> usage(Usage usage) {
        return object(
                "input_tokens", usage.openAiInput(),
                "input_tokens_details", object("cached_tokens", usage.cacheRead()),
                "output_tokens", usage.output(),
                "output_tokens_details", object("reasoning_tokens", usage.reasoning()),
                "total_tokens", usage.openAiInput() + usage.output());
    }

    /** An event about the open message's text part. */
    private void emitText(String type, Object... fields) throws IOException {
        var event = object("item_id", open.id(), "output_index", open.index(), "content_index", 0);
        event.putAll(object(fields));
        emit(type, event);
    }

    /** An event about the open reasoning's summary part. */
    private void emitSummary(String type, String key, Object value) throws IOException {
        var scope = object("item_id", open.id(), "output_index", open.index(), "summary_index", 0);
        emit(type, with(scope, key, value));
    }

    private void emit(String type, Map<String, Object> fields) throws IOException {
        var event = object("type", type, "sequence_number", sequence++);
        event.putAll(fields);
        events.event(type, event);
    }

    private static Map<String, Object> with(Map<String, Object> fields, String key, Object value) {
        var copy = object();
        copy.putAll(fields);
        copy.put(key, value);
        return copy;
    }
}
