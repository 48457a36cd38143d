package io.codinspect.client;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A conversation with the agent about one repository, with its own work branch, as
 * {@code GET /api/sessions/{id}} answers it.
 *
 * @param status {@link SessionStatus#unknown} for a status newer than this client
 * @param repository null while {@code awaiting_repository}
 * @param baseBranch the branch the session started from; null while awaiting its repository
 * @param branch the session's work branch, {@code codinspect/<short id>}
 * @param model {@code provider/model}; null: the deployment's default
 * @param reasoningEffort null: the model's default
 * @param updatedAt when the session itself last changed (status, title)
 * @param lastActivityAt when anything last happened in it
 * @param lastSeq seq of the newest event in the session's timeline
 * @param externalKey the unique key a bot gave it (a Slack thread); null if none
 * @param createdVia the bot (service account) that created it; null if none
 * @param botData what that bot keeps on the session; null unless the caller is that bot
 * @param webUrl where people see it in the web UI
 */
public record Session(
        UUID id,
        SessionStatus status,
        String repository,
        String baseBranch,
        String branch,
        String title,
        String model,
        String reasoningEffort,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        long lastSeq,
        String externalKey,
        String createdVia,
        JsonNode botData,
        String webUrl) {}
