package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.CurrentUser;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A conversation with the agent about one repository, with its own work branch.
 *
 * @param branch the session's work branch, {@code codinspect/<short id>}, fixed at creation
 * @param updatedAt when the session itself last changed (status, title)
 * @param lastActivityAt when anything last happened in it: its newest event, or its last change
 * @param lastSeq seq of the newest event in the session's timeline
 * @param externalKey the unique key a bot gave it (a Slack thread, a pull request); null if none
 * @param createdVia the bot (service account) that created it for its person; null if none
 * @param botData what that bot keeps on the session; shown only to it, null for everyone else
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
        String webUrl) {

    /** This session as {@code caller} sees it: bot data only for the bot that created it, and its web address. */
    public Session as(CurrentUser caller, String publicUrl) {
        var via = caller == null ? null : caller.via();
        var ownData = via != null && via.name().equals(createdVia) ? botData : null;
        var url = publicUrl.replaceAll("/+$", "") + "/sessions/" + id;
        return new Session(
                id,
                status,
                repository,
                baseBranch,
                branch,
                title,
                model,
                reasoningEffort,
                createdBy,
                createdAt,
                updatedAt,
                lastActivityAt,
                lastSeq,
                externalKey,
                createdVia,
                ownData,
                url);
    }
}
