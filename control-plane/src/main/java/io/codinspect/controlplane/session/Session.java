package io.codinspect.controlplane.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation with the agent about one repository, with its own work branch.
 *
 * @param branch the session's work branch, {@code codinspect/<short id>}, fixed at creation
 * @param lastSeq seq of the newest event in the session's timeline
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
        long lastSeq) {}
