package io.codinspect.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A notification the control plane delivered to a subscription (docs/bots.md, "Notifications"),
 * as {@link NotificationVerifier#verify} reads it once its signature is checked.
 *
 * @param deliveryId the same on every retry: deduplicate by it
 * @param kind one of the {@code PROMPT_*} and {@code PULL_REQUEST} constants (or a kind added later)
 * @param session the session it is about; null only if a later kind has none
 * @param prompt the prompt it is about; null for {@code pull_request}
 * @param finished present for {@code prompt.finished}, else null
 * @param progress present for {@code prompt.progress}, else null
 * @param pullRequest present for {@code pull_request}, else null
 */
public record Notification(
        UUID deliveryId,
        String kind,
        Instant occurredAt,
        SessionRef session,
        PromptRef prompt,
        Finished finished,
        Progress progress,
        PullRequestRef pullRequest) {

    /** A prompt started running (durable: retried until delivered). */
    public static final String PROMPT_STARTED = "prompt.started";
    /** A prompt ended: completed, failed or cancelled (durable). */
    public static final String PROMPT_FINISHED = "prompt.finished";
    /** The session's pull request was opened or changed state (durable). */
    public static final String PULL_REQUEST = "pull_request";
    /** The agent's current step, at most one per 3 s per session (best effort, never retried). */
    public static final String PROMPT_PROGRESS = "prompt.progress";
    /** Every kind this client knows. */
    public static final Set<String> KINDS = Set.of(PROMPT_STARTED, PROMPT_FINISHED, PULL_REQUEST, PROMPT_PROGRESS);

    /**
     * The session a notification is about.
     *
     * @param externalKey nullable
     * @param botData what the subscribing bot keeps on the session; nullable
     * @param repository null while the session awaits its repository
     */
    public record SessionRef(
            UUID id, String externalKey, JsonNode botData, String repository, String branch, String webUrl) {}

    /**
     * The prompt a notification is about.
     *
     * @param sourceUrl nullable
     * @param botData what the subscribing bot keeps on the prompt; nullable
     */
    public record PromptRef(
            UUID id, PromptStatus status, PromptSource source, String sourceUrl, UUID authorId, JsonNode botData) {}

    /**
     * How a prompt ended.
     *
     * @param outcome {@code completed}, {@code failed} or {@code cancelled}
     * @param error why it failed, in plain words; null unless failed
     * @param finalMessage the agent's last text of the turn (Markdown); nullable
     * @param filesChanged never null
     * @param commits the commits the turn pushed; never null
     * @param pullRequest the session's pull request, if any
     * @param costUsd the prompt's cost from the model gateway's records; null when unknown
     * @param durationMs nullable
     */
    public record Finished(
            PromptStatus outcome,
            String error,
            String finalMessage,
            List<String> filesChanged,
            List<Commit> commits,
            String branch,
            PullRequestRef pullRequest,
            BigDecimal costUsd,
            Long durationMs,
            String webUrl) {

        public Finished {
            filesChanged = filesChanged == null ? List.of() : List.copyOf(filesChanged);
            commits = commits == null ? List.of() : List.copyOf(commits);
        }
    }

    /** A commit pushed by a turn. */
    public record Commit(String sha, String branch) {}

    /** The agent's current step, such as {@code Running bash: mvn test}. */
    public record Progress(String step) {}

    /**
     * A pull request as notifications name it.
     *
     * @param state {@code open}, {@code draft}, {@code closed} or {@code merged}
     */
    public record PullRequestRef(int number, String url, String state) {}
}
