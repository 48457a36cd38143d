package io.codinspect.testkit.llm;

/**
 * The token counts the fake reports for every answer, so a test can compute the cost it expects.
 * Each API reports them in its own terms:
 *
 * <table>
 *   <caption>Wire mapping</caption>
 *   <tr><th>API</th><th>input side</th><th>output side</th></tr>
 *   <tr><td>Chat Completions (usage chunk)</td>
 *       <td>{@code prompt_tokens = input + cacheRead}, {@code prompt_tokens_details.cached_tokens = cacheRead}</td>
 *       <td>{@code completion_tokens = output}, {@code completion_tokens_details.reasoning_tokens = reasoning},
 *           {@code total_tokens = input + cacheRead + output}</td></tr>
 *   <tr><td>Responses ({@code response.completed})</td>
 *       <td>{@code input_tokens = input + cacheRead}, {@code input_tokens_details.cached_tokens = cacheRead}</td>
 *       <td>{@code output_tokens = output}, {@code output_tokens_details.reasoning_tokens = reasoning},
 *           {@code total_tokens = input + cacheRead + output}</td></tr>
 *   <tr><td>Messages</td>
 *       <td>{@code message_start}: {@code input_tokens = input}, {@code cache_read_input_tokens = cacheRead},
 *           {@code cache_creation_input_tokens = cacheWrite}, {@code output_tokens = 1}</td>
 *       <td>{@code message_delta}: {@code output_tokens = output} (the only usage field it carries)</td></tr>
 * </table>
 *
 * <p>{@code output} counts every generated token, reasoning included, as both providers count it;
 * {@code reasoning} is the part of it that was reasoning and is only visible in the OpenAI APIs.
 * {@code cacheWrite} exists only for Anthropic: the OpenAI APIs have no field for it and leave it out.
 *
 * @param input uncached input tokens
 * @param output generated tokens, reasoning included
 * @param cacheRead input tokens read from the prompt cache
 * @param cacheWrite input tokens written to the prompt cache (Anthropic only)
 * @param reasoning the reasoning part of {@code output} (OpenAI only)
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long reasoning) {

    /** What the fake reports unless told otherwise: every number different and non-zero. */
    public static final Usage DEFAULT = new Usage(100, 20, 30, 10, 5);

    public Usage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || reasoning < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (reasoning > output) {
            throw new IllegalArgumentException("reasoning tokens are part of the output tokens");
        }
    }

    /** Input tokens as the OpenAI APIs count them: cached ones included. */
    long openAiInput() {
        return input + cacheRead;
    }
}
