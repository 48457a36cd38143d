package io.codinspect.testkit.llm;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One piece of a scripted streaming answer. Consecutive texts (even with a pause between them) form
 * one text part, as do consecutive reasonings; a tool call ends the part before it.
 */
public sealed interface Chunk {

    /** Visible answer text. */
    record Text(String text) implements Chunk {}

    /** Model reasoning (Chat {@code reasoning_content}, Responses summary text, Anthropic thinking). */
    record Reasoning(String text) implements Chunk {}

    /** A function call; {@code argumentsJson} is sent in two pieces, as real servers split it. */
    record ToolCall(String name, String argumentsJson) implements Chunk {}

    /**
     * The model goes quiet for a while in the middle of the stream (a slow model). A streamed answer
     * sends an SSE comment ({@code : keep-alive}) every quarter of a second meanwhile, which clients
     * ignore, so that a client that went away is noticed within about half a second.
     */
    record Pause(Duration duration) implements Chunk {}

    /**
     * The model goes quiet until {@code until} completes, at most {@code atMost} (then the stream
     * goes on anyway), with keep-alives as in a {@link Pause}: a test holds the answer until it has
     * done what must happen while the turn is still running.
     */
    record Hold(CompletableFuture<?> until, Duration atMost) implements Chunk {}

    static Text text(String text) {
        return new Text(text);
    }
}
