package io.codinspect.controlplane.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation with the agent about one repository, with its own work branch.
 *
 * @param branch the session's work branch, {@code codinspect/<short id>}, fixed at creation
 * @param updatedAt when the session itself last changed (status, title)
 * @param lastActivityAt when anything last happened in it: its newest event, or its last change
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
        Instant lastActivityAt,
        long lastSeq) {}
