package io.codinspect.testkit.llm;

import java.time.Duration;

/** One piece of a scripted streaming answer. */
public sealed interface Chunk {

    /** Visible answer text ({@code delta.content}). */
    record Text(String text) implements Chunk {}

    /** Model reasoning ({@code delta.reasoning_content}). */
    record Reasoning(String text) implements Chunk {}

    /** A function call; {@code argumentsJson} is sent in two pieces, as real servers split it. */
    record ToolCall(String name, String argumentsJson) implements Chunk {}

    /** The server goes quiet for a while in the middle of the stream (a slow model). */
    record Pause(Duration duration) implements Chunk {}

    static Text text(String text) {
        return new Text(text);
    }
}
