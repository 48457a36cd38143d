package io.codinspect.client;

import tools.jackson.databind.JsonNode;

/**
 * A request to start a session ({@code POST /api/sessions}); every field may be null.
 *
 * @param repository {@code owner/name}, a git URL or a local path; null makes the session
 *     {@code awaiting_repository} until {@link CodInspectClient#chooseRepository} names one
 * @param baseBranch the branch to start from; null: the person's preference, else {@code main}
 * @param title at most 200 characters; null: derived from the first prompt
 * @param model {@code provider/model}; null: the person's preference, else the default
 * @param reasoningEffort one of none, minimal, low, medium, high, xhigh, max; null: the default
 * @param externalKey at most 200 characters without spaces; a bot's keys start with its namespace
 *     ({@code slack:T0123/C0456/1712345678.000100}); creating with a key that exists answers that
 *     session ({@link SessionStart#created()} false)
 * @param prompt the first prompt, queued with the session (added to the existing one when the
 *     key exists, deduplicated by its {@code clientRequestId})
 * @param botData what the bot keeps on the session, at most 4 KiB as JSON
 */
public record NewSession(
        String repository,
        String baseBranch,
        String title,
        String model,
        String reasoningEffort,
        String externalKey,
        NewPrompt prompt,
        JsonNode botData) {

    /** A session without external key, prompt or bot data. */
    public NewSession(String repository, String baseBranch, String title, String model, String reasoningEffort) {
        this(repository, baseBranch, title, model, reasoningEffort, null, null, null);
    }

    /** A bot's session: its key, its first prompt and its bot data; the rest from preferences. */
    public static NewSession forBot(String repository, String externalKey, NewPrompt prompt, JsonNode botData) {
        return new NewSession(repository, null, null, null, null, externalKey, prompt, botData);
    }
}
