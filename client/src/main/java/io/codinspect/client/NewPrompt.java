package io.codinspect.client;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A prompt to queue ({@code POST /api/sessions/{id}/prompts}, or the first prompt of a
 * {@link NewSession}). Only {@code content} is required.
 *
 * @param model {@code provider/model}; null: the session's
 * @param reasoningEffort null: the session's
 * @param clientRequestId at most 200 characters; a repeated one answers the prompt it first
 *     created, so a retried request never queues twice
 * @param source {@code web} or {@code api} for a person's token; a bot's prompts get its namespace
 *     whatever is sent; null: {@code api}. Never {@link PromptSource#unknown}
 * @param sourceUrl an {@code https://} link back to where it came from (a Slack permalink)
 * @param context at most 20 blocks, at most 64,000 characters in all
 * @param botData what the bot keeps on the prompt, at most 4 KiB as JSON
 */
public record NewPrompt(
        String content,
        String model,
        String reasoningEffort,
        String clientRequestId,
        PromptSource source,
        String sourceUrl,
        List<Context> context,
        JsonNode botData) {

    /**
     * A block of context given beside the words: a thread's earlier messages, a pull request's
     * description. Untrusted blocks reach the agent fenced as data, never as instructions.
     *
     * @param title at most 200 characters
     * @param content at most 32,000 characters
     */
    public record Context(String title, String content, boolean trusted) {}

    public NewPrompt {
        if (source == PromptSource.unknown) {
            throw new IllegalArgumentException("a prompt's source cannot be 'unknown'");
        }
        context = context == null ? List.of() : List.copyOf(context);
    }

    /** Just the words. */
    public NewPrompt(String content) {
        this(content, null, null, null, null, null, null, null);
    }

    public NewPrompt(String content, String model, String reasoningEffort, String clientRequestId) {
        this(content, model, reasoningEffort, clientRequestId, null, null, null, null);
    }
}
