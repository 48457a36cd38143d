package io.codinspect.client;

import io.codinspect.model.event.Author;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A prompt in a session's queue.
 *
 * @param status {@link PromptStatus#unknown} for a status newer than this client
 * @param position how many unfinished prompts are ahead of it (0: running or next); null once
 *     finished
 * @param model null: the session's
 * @param reasoningEffort null: the session's
 * @param clientRequestId the caller's deduplication key; null if none was sent
 * @param error why it failed, in plain words, when {@code status} is {@code failed}; else null
 * @param waiting why a queued prompt has not started (a limit holds it back); else null
 * @param startedAt null until it runs
 * @param finishedAt null until it ends
 * @param source where it came from; {@code sourceUrl} (nullable) links back there
 * @param context the context blocks given beside the words; never null
 * @param createdVia the bot that sent it for its author; null if none
 * @param botData what that bot keeps on it; null unless the caller is that bot
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
        JsonNode botData) {

    public Prompt {
        context = context == null ? List.of() : List.copyOf(context);
    }
}
