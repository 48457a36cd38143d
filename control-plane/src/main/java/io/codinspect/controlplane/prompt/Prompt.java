package io.codinspect.controlplane.prompt;

import io.codinspect.model.event.Author;
import java.time.Instant;
import java.util.UUID;

/**
 * A prompt in a session's queue.
 *
 * @param position how many unfinished prompts are ahead of this one (0: running or next); null
 *     once finished
 * @param error why it failed, in plain words, when {@code status} is {@code failed}
 * @param waiting why a queued prompt has not started (a limit holds it back); null otherwise
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
        Instant finishedAt) {}
