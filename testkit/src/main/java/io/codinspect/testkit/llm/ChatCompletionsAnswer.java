package io.codinspect.testkit.llm;

import static io.codinspect.testkit.llm.EventStream.object;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat Completions: {@code chat.completion.chunk} data lines, a chunk with the finish reason, a
 * usage chunk with no choices — only when the request asked for it with {@code
 * stream_options.include_usage}, as OpenAI's API does — then {@code data: [DONE]}.
 */
final class ChatCompletionsAnswer implements Answer {

    private final String model;
    private final boolean includeUsage;
    private final String id = EventStream.id("chatcmpl-");
    private final long created = System.currentTimeMillis() / 1000;

    ChatCompletionsAnswer(String model, boolean includeUsage) {
        this.model = model;
        this.includeUsage = includeUsage;
    }

    @Override
    public Map<String, Object> write(Reply.Stream reply, Usage usage, EventStream events) throws IOException {
        var content = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new ArrayList<Map<String, Object>>();
        for (var chunk : reply.chunks()) {
            switch (chunk) {
                case Chunk.Text text -> {
                    for (var piece : EventStream.pieces(text.text())) {
                        events.data(chunk(object("content", piece), null));
                    }
                    content.append(text.text());
                }
                case Chunk.Reasoning thought -> {
                    for (var piece : EventStream.pieces(thought.text())) {
                        events.data(chunk(object("reasoning_content", piece), null));
                    }
                    reasoning.append(thought.text());
                }
                case Chunk.ToolCall call -> calls.add(toolCall(call, calls.size(), events));
                case Chunk.Pause pause -> events.pause(pause.duration());
                case Chunk.Hold hold -> events.hold(hold.until(), hold.atMost());
            }
        }
        var finishReason = reply.callsTools() ? "tool_calls" : "stop";
        events.data(chunk(Map.of(), finishReason));
        if (includeUsage) {
            var usageChunk = head("chat.completion.chunk");
            usageChunk.put("choices", List.of());
            usageChunk.put("usage", usage(usage));
            events.data(usageChunk);
        }
        events.done();
        var message = object("role", "assistant", "content", content.isEmpty() ? null : content.toString());
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        var choice = object("index", 0, "message", message, "finish_reason", finishReason);
        var whole = head("chat.completion");
        whole.put("created", created);
        whole.put("choices", List.of(choice));
        whole.put("usage", usage(usage));
        return whole;
    }

    @Override
    public Map<String, Object> error(Reply.Failure failure) {
        return Answer.openAiError(failure);
    }

    /** Streams a call in two chunks, the second holding the rest of the arguments; returns it whole. */
    private Map<String, Object> toolCall(Chunk.ToolCall call, int index, EventStream events) throws IOException {
        var args = call.argumentsJson();
        var half = args.length() / 2;
        var callId = EventStream.id("call_");
        var function = object("name", call.name(), "arguments", args.substring(0, half));
        var first = object("index", index, "id", callId, "type", "function", "function", function);
        events.data(chunk(object("tool_calls", List.of(first)), null));
        var rest = object("index", index, "function", object("arguments", args.substring(half)));
        events.data(chunk(object("tool_calls", List.of(rest)), null));
        return object("id", callId, "type", "function", "function", object("name", call.name(), "arguments", args));
    }

    private Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        var chunk = head("chat.completion.chunk");
        chunk.put("choices", List.of(object("index", 0, "delta", delta, "finish_reason", finishReason)));
        return chunk;
    }

    private Map<String, Object> head(String kind) {
        return object("id", id, "object", kind, "model", model);
    }

    private static Map<String, Object> usage(Usage usage) {
        return object(
                "prompt_tokens", usage.openAiInput(),
                "completion_tokens", usage.output(),
                "total_tokens", usage.openAiInput() + usage.output(),
                "prompt_tokens_details", object("cached_tokens", usage.cacheRead()),
                "completion_tokens_details", object("reasoning_tokens", usage.reasoning()));
    }
}
