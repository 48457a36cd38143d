package io.codinspect.testkit.llm;

import io.codinspect.testkit.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The fake model's answer to one chat-completions request. */
public sealed interface Reply {

    /** A streamed answer; it ends with {@code tool_calls} if it holds a tool call, else {@code stop}. */
    record Stream(List<Chunk> chunks) implements Reply {
        public Stream {
            chunks = List.copyOf(chunks);
        }

        boolean callsTools() {
            return chunks.stream().anyMatch(c -> c instanceof Chunk.ToolCall);
        }
    }

    /** An HTTP error with an OpenAI-style error body. 4xx ends the turn; 5xx is retried by clients. */
    record Failure(int status, String type, String message) implements Reply {}

    static Reply text(String text) {
        return new Stream(List.of(new Chunk.Text(text)));
    }

    static Reply tool(String name, Map<String, ?> arguments) {
        return new Stream(List.of(new Chunk.ToolCall(name, Json.write(arguments))));
    }

    static Reply stream(Chunk... chunks) {
        return new Stream(List.of(chunks));
    }

    /** Text, then silence for {@code pause}, then more text: a turn that is still running when stopped. */
    static Reply slow(String before, Duration pause, String after) {
        return new Stream(List.of(new Chunk.Text(before), new Chunk.Pause(pause), new Chunk.Text(after)));
    }

    static Reply failure(int status, String message) {
        return new Failure(status, status >= 500 ? "server_error" : "invalid_request_error", message);
    }
}
