package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.model.event.Author;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A prompt in a session's queue.
 *
 * @param position how many unfinished prompts are ahead of this one (0: running or next); null
 *     once finished
 * @param error why it failed, in plain words, when {@code status} is {@code failed}
 * @param waiting why a queued prompt has not started (a limit holds it back); null otherwise
 * @param source where it came from; {@code sourceUrl} links back there when known
 * @param context the context blocks given beside the words
 * @param createdVia the bot (service account) that sent it for its author; null if none
 * @param botData what that bot keeps on it; shown only to it, null for everyone else
 */
public record Prompt(
        UUID id,
        UUID sessionId,
        PromptStatus status,
        Integer position,
        Author author,
        String content,
        String model,
        String reasoningEffort,
        String clientRequestId,
        String error,
        String waiting,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        PromptSource source,
        String sourceUrl,
        List<NewPrompt.Context> context,
        String createdVia,
        JsonNode botData,
        PromptKind kind) {

    /** This prompt as {@code caller} sees it: bot data only for the bot that sent it. */
    public Prompt as(CurrentUser caller) {
        var via = caller == null ? null : caller.via();
        if (botData == null || (via != null && via.name().equals(createdVia))) {
            return this;
        }
        return new Prompt(
                id,
                sessionId,
                status,
                position,
                author,
                content,
                model,
                reasoningEffort,
                clientRequestId,
                error,
                waiting,
                createdAt,
                startedAt,
                finishedAt,
                source,
                sourceUrl,
                context,
                createdVia,
                null,
                kind);
    }
}
