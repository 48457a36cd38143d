package io.codinspect.testkit.llm;

import io.codinspect.testkit.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake model's answer to one request, written in the shape of the API that was called. */
public sealed interface Reply {

    /**
     * An answer, streamed when the request asked for a stream and one JSON body otherwise. It ends
     * as a tool call ({@code tool_calls}, {@code tool_use}) if it holds one, else as a normal stop.
     */
    record Stream(List<Chunk> chunks) implements Reply {
        public Stream {
            chunks = List.copyOf(chunks);
        }

        boolean callsTools() {
            return chunks.stream().anyMatch(c -> c instanceof Chunk.ToolCall);
        }
    }

    /**
     * An HTTP error. The OpenAI APIs get {@code {"error": {"message", "type"}}} with {@code type};
     * the Messages API gets {@code {"type": "error", "error": {"type", "message"}}} with the type
     * Anthropic uses for the status ({@code rate_limit_error}, {@code api_error}, …). 4xx ends a
     * turn; 429 and 5xx are retried by clients.
     *
     * @param retryAfter sent as a {@code Retry-After} header in whole seconds (rounded up), or null
     */
    record Failure(int status, String type, String message, Duration retryAfter) implements Reply {
        public Failure(int status, String type, String message) {
            this(status, type, message, null);
        }

        /** The same failure with a {@code Retry-After} header. */
        public Failure retryAfter(Duration retryAfter) {
            return new Failure(status, type, message, retryAfter);
        }
    }

    /**
     * Nothing at all, not even the status line, for {@code duration}; then {@code after}. For
     * testing a client's response timeout: a client that gave up is noticed only when {@code
     * after} is written.
     */
    record Silence(Duration duration, Reply after) implements Reply {}

    /**
     * {@code failure} for the first {@code times} requests that reach this reply, then {@code
     * then}: a fault that a retry gets over (scripts are otherwise stateless, so a retried request
     * would meet the same failure again). The count is shared by every session that reaches it.
     */
    final class Flaky implements Reply {
        private final Failure failure;
        private final int times;
        private final Reply then;
        private final AtomicInteger reached = new AtomicInteger();

        private Flaky(Failure failure, int times, Reply then) {
            this.failure = failure;
            this.times = times;
            this.then = then;
        }

        /** The reply for the request reaching it now. */
        Reply next() {
            return reached.getAndIncrement() < times ? failure : then;
        }
    }

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

    static Failure failure(int status, String message) {
        var type = status >= 500 ? "server_error" : status == 429 ? "rate_limit_exceeded" : "invalid_request_error";
        return new Failure(status, type, message);
    }

    /** A 429 with a {@code Retry-After} header. */
    static Failure rateLimited(Duration retryAfter) {
        return failure(429, "Rate limit reached; try again later.").retryAfter(retryAfter);
    }

    /** Silence for {@code duration}, then a short text answer. */
    static Reply silence(Duration duration) {
        return new Silence(duration, text("Answered after the silence."));
    }

    static Reply silence(Duration duration, Reply after) {
        return new Silence(duration, after);
    }

    /** {@code failure} the first {@code times} times, then {@code then}. */
    static Reply flaky(Failure failure, int times, Reply then) {
        return new Flaky(failure, times, then);
    }
}
