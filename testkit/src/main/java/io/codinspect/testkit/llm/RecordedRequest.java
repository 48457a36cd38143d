package io.codinspect.testkit.llm;

import tools.jackson.databind.JsonNode;

/**
 * A chat-completions request the fake received.
 *
 * @param authorization the {@code Authorization} header as sent
 * @param body the parsed JSON body
 * @param receivedNanos {@link System#nanoTime()} when the request arrived (for benchmarks)
 */
public record RecordedRequest(String authorization, JsonNode body, long receivedNanos) {

    public String model() {
        return body.path("model").asString("");
    }

    /** The text of the newest user message. */
    public String lastUserText() {
        return FakeLlm.lastUserText(body);
    }

    /** Whether the request offered tools; requests without tools are auxiliary (titles, summaries). */
    public boolean offersTools() {
        return body.path("tools").isArray() && !body.path("tools").isEmpty();
    }

    public String reasoningEffort() {
        return body.path("reasoning_effort").asString(null);
    }
}
