package io.codinspect.testkit.llm;

import com.sun.net.httpserver.HttpExchange;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes a scripted reply as OpenAI streaming chunks ({@code text/event-stream}). */
final class SseAnswer {

    private final HttpExchange exchange;
    private final String model;
    private final String id = "chatcmpl-" + UUID.randomUUID();
    private OutputStream out;

    SseAnswer(HttpExchange exchange, String model) {
        this.exchange = exchange;
        this.model = model;
    }

    void send(Reply.Stream reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        out = exchange.getResponseBody();
        var toolIndex = 0;
        var completionTokens = 0;
        for (var chunk : reply.chunks()) {
            switch (chunk) {
                case Chunk.Text text -> {
                    for (var piece : pieces(text.text())) {
                        choice(Map.of("content", piece), null);
                    }
                    completionTokens += text.text().length() / 4 + 1;
                }
                case Chunk.Reasoning reasoning -> {
                    for (var piece : pieces(reasoning.text())) {
                        choice(Map.of("reasoning_content", piece), null);
                    }
                    completionTokens += reasoning.text().length() / 4 + 1;
                }
                case Chunk.ToolCall call -> {
                    var args = call.argumentsJson();
                    var half = args.length() / 2;
                    var callId = "call_"
                            + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
                    choice(toolDelta(toolIndex, callId, call.name(), args.substring(0, half)), null);
                    choice(toolDelta(toolIndex, null, null, args.substring(half)), null);
                    toolIndex++;
                    completionTokens += args.length() / 4 + 1;
                }
                case Chunk.Pause pause -> pause(pause);
            }
        }
        choice(Map.of(), reply.callsTools() ? "tool_calls" : "stop");
        var usage = new LinkedHashMap<String, Object>();
        usage.put("prompt_tokens", 100);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", 100 + completionTokens);
        write(Map.of(
                "id", id, "object", "chat.completion.chunk", "model", model, "choices", List.of(), "usage", usage));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause(Chunk.Pause pause) throws IOException {
        try {
            Thread.sleep(pause.duration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Map<String, Object> toolDelta(int index, String callId, String name, String arguments) {
        var function = new LinkedHashMap<String, Object>();
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        var call = new LinkedHashMap<String, Object>();
        call.put("index", index);
        if (callId != null) {
            call.put("id", callId);
            call.put("type", "function");
        }
        call.put("function", function);
        return Map.of("tool_calls", List.of(call));
    }

    private void choice(Map<String, Object> delta, String finishReason) throws IOException {
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        write(Map.of("id", id, "object", "chat.completion.chunk", "model", model, "choices", List.of(choice)));
    }

    private void write(Map<String, Object> chunk) throws IOException {
        out.write(("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Splits text into a few pieces so clients see a real stream of deltas. */
    private static List<String> pieces(String text) {
        if (text.length() < 8) {
            return List.of(text);
        }
        var third = text.length() / 3;
        return List.of(text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third));
    }
}
