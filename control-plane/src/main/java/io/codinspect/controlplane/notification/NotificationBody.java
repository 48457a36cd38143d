package io.codinspect.controlplane.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a delivery's body holds (docs/bots.md, "Notifications"). Of {@code finished},
 * {@code progress} and {@code pullRequest}, the one of the kind is present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationBody(
        UUID deliveryId,
        String kind,
        Instant occurredAt,
        SessionPart session,
        PromptPart prompt,
        Finished finished,
        Progress progress,
        PullRequestPart pullRequest) {

    record SessionPart(
            UUID id,
            @JsonInclude(JsonInclude.Include.ALWAYS) String externalKey,
            @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode botData,
            String repository,
            String branch,
            String webUrl) {}

    record PromptPart(
            UUID id,
            String status,
            String source,
            @JsonInclude(JsonInclude.Include.ALWAYS) String sourceUrl,
            String authorId,
            @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode botData) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Finished(
            String outcome,
            String error,
            String finalMessage,
            List<String> filesChanged,
            List<Commit> commits,
            String branch,
            PullRequestPart pullRequest,
            BigDecimal costUsd,
            Long durationMs,
            String webUrl) {}

    record Commit(String sha, String branch) {}

    record Progress(String step) {}

    record PullRequestPart(int number, String url, String state) {}
}
