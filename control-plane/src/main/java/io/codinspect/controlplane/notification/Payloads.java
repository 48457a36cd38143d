package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.event.EventHistory;
import io.codinspect.controlplane.github.GitHubProperties;
import io.codinspect.controlplane.github.PullRequests;
import io.codinspect.controlplane.notification.internal.OutboxStore;
import io.codinspect.controlplane.prompt.Prompt;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.session.Session;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.usage.ModelCalls;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.CommitPushed;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.EventTypes;
import io.codinspect.model.event.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds a delivery's body from what the control plane knows when it is first sent: the session,
 * the prompt and, for a finished prompt, its answer, files, commits, pull request and cost.
 */
@Component
class Payloads {

    /** At most this many of a prompt's events are read for its answer. */
    private static final int EVENTS = 5_000;

    private static final List<String> TURN_EVENTS = List.of(
            EventTypes.nameOf(AssistantText.class),
            EventTypes.nameOf(ToolCall.class),
            EventTypes.nameOf(CommitPushed.class));

    private final SessionManagement sessions;
    private final PromptQueue prompts;
    private final EventHistory history;
    private final PullRequests pullRequests;
    private final ModelCalls modelCalls;
    private final String publicUrl;

    Payloads(
            SessionManagement sessions,
            PromptQueue prompts,
            EventHistory history,
            PullRequests pullRequests,
            ModelCalls modelCalls,
            GitHubProperties github) {
        this.sessions = sessions;
        this.prompts = prompts;
        this.history = history;
        this.pullRequests = pullRequests;
        this.modelCalls = modelCalls;
        this.publicUrl = github.publicUrl();
    }

    /** The body of {@code delivery}, for the subscription of the account named {@code account}. */
    String build(OutboxStore.Claimed delivery, String account) {
        var session = sessions.get(delivery.sessionId());
        var prompt = delivery.promptId() == null ? null : prompts.get(session.id(), delivery.promptId());
        var sessionPart = sessionPart(session);
        var body = new NotificationBody(
                delivery.id(),
                delivery.kind(),
                delivery.occurredAt(),
                sessionPart,
                prompt == null ? null : promptPart(prompt, account, delivery.kind()),
                Kinds.PROMPT_FINISHED.equals(delivery.kind()) && prompt != null
                        ? finished(session, sessionPart.webUrl(), prompt)
                        : null,
                null,
                Kinds.PULL_REQUEST.equals(delivery.kind()) ? pullRequestOf(delivery) : null);
        return EventCodec.mapper().writeValueAsString(body);
    }

    /** The body of a best-effort progress notification. */
    String progress(
            UUID deliveryId,
            java.time.Instant occurredAt,
            Session session,
            Prompt prompt,
            String account,
            String step) {
        var body = new NotificationBody(
                deliveryId,
                Kinds.PROMPT_PROGRESS,
                occurredAt,
                sessionPart(session),
                promptPart(prompt, account, Kinds.PROMPT_PROGRESS),
                null,
                new NotificationBody.Progress(step),
                null);
        return EventCodec.mapper().writeValueAsString(body);
    }

    private NotificationBody.SessionPart sessionPart(Session session) {
        var webUrl = publicUrl.replaceAll("/+$", "") + "/sessions/" + session.id();
        return new NotificationBody.SessionPart(
                session.id(), session.externalKey(), session.botData(), session.repository(), session.branch(), webUrl);
    }

    private static NotificationBody.PromptPart promptPart(Prompt prompt, String account, String kind) {
        var status = Kinds.PROMPT_STARTED.equals(kind) || Kinds.PROMPT_PROGRESS.equals(kind)
                ? "running"
                : prompt.status().name();
        return new NotificationBody.PromptPart(
                prompt.id(),
                status,
                prompt.source().name(),
                prompt.sourceUrl(),
                prompt.author() == null ? null : prompt.author().id(),
                account.equals(prompt.createdVia()) ? prompt.botData() : null);
    }

    private NotificationBody.Finished finished(Session session, String webUrl, Prompt prompt) {
        String finalMessage = null;
        var files = new java.util.LinkedHashSet<String>();
        var commits = new ArrayList<NotificationBody.Commit>();
        for (var event : history.ofPrompt(session.id(), prompt.id().toString(), TURN_EVENTS, EVENTS)) {
            switch (event) {
                case AssistantText text when !text.text().isBlank() -> finalMessage = text.text();
                case ToolCall call -> files.addAll(ChangedFiles.of(call));
                case CommitPushed commit -> commits.add(new NotificationBody.Commit(commit.sha(), commit.branch()));
                default -> {}
            }
        }
        var pull = pullRequests
                .of(session.id())
                .map(view -> new NotificationBody.PullRequestPart(view.number(), view.url(), view.state()))
                .orElse(null);
        Long duration = prompt.startedAt() == null || prompt.finishedAt() == null
                ? null
                : Duration.between(prompt.startedAt(), prompt.finishedAt()).toMillis();
        return new NotificationBody.Finished(
                prompt.status().name(),
                prompt.error(),
                finalMessage,
                List.copyOf(files),
                commits,
                session.branch(),
                pull,
                modelCalls.costOfPrompt(session.id(), prompt.id()).orElse(null),
                duration,
                webUrl);
    }

    private static NotificationBody.PullRequestPart pullRequestOf(OutboxStore.Claimed delivery) {
        var facts = EventCodec.mapper().readTree(delivery.facts());
        return new NotificationBody.PullRequestPart(
                facts.path("number").asInt(),
                facts.path("url").asString(),
                facts.path("state").asString());
    }
}
