package io.codinspect.testkit.llm;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request the fake received, on any of its APIs.
 *
 * @param api which API was called
 * @param path the request path, such as {@code /v1/messages}
 * @param credential the API's credential header as sent ({@code Authorization} for the OpenAI
 *     APIs, {@code x-api-key} for Anthropic), or null
 * @param headers every request header, names in lower case
 * @param body the parsed JSON body
 * @param receivedNanos {@link System#nanoTime()} when the request arrived (for benchmarks)
 * @param usage the token counts the fake reported in its answer; null for a failure
 */
public record RecordedRequest(
        Api api,
        String path,
        String credential,
        Map<String, List<String>> headers,
        JsonNode body,
        long receivedNanos,
        Usage usage) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header ({@code name} in any case), or null. */
    public String header(String name) {
        var values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The {@code Authorization} header as sent (null on the Messages API, which uses {@code x-api-key}). */
    public String authorization() {
        return header("authorization");
    }

    public String model() {
        return body.path("model").asString("");
    }

    /** Whether the client asked for a streamed answer. */
    public boolean streams() {
        return body.path("stream").asBoolean(false);
    }

    /** The text of the newest user message (Anthropic tool results do not count as one). */
    public String lastUserText() {
        return Conversation.of(api, body).lastUserText();
    }

    /** How many assistant turns follow the newest user message: which reply of a script this got. */
    public int step() {
        return Conversation.of(api, body).step();
    }

    /** Whether the request offered tools; requests without tools are auxiliary (titles, summaries). */
    public boolean offersTools() {
        return body.path("tools").isArray() && !body.path("tools").isEmpty();
    }

    /**
     * The reasoning effort asked for: Chat {@code reasoning_effort}, Responses {@code
     * reasoning.effort}; on the Messages API {@code output_config.effort}, else the {@code
     * thinking.type} ({@code enabled}, {@code adaptive}) unless thinking is off (see {@link
     * #thinkingBudget()}). Null when none was asked for.
     */
    public String reasoningEffort() {
        return Conversation.reasoningEffort(api, body);
    }

    /** Anthropic's {@code thinking.budget_tokens}, or null. */
    public Integer thinkingBudget() {
        var budget = body.path("thinking").path("budget_tokens");
        return budget.isNumber() ? budget.asInt() : null;
    }
}
