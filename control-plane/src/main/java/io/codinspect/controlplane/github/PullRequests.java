package io.codinspect.controlplane.github;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.github.internal.PullRequestEntity;
import io.codinspect.controlplane.github.internal.PullRequestRepository;
import io.codinspect.controlplane.session.Session;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.model.event.PullRequestArtifact;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the session's pull request on GitHub, or updates the one already open for its branch,
 * and records it as the session's {@code pull_request} artifact. It is opened with the user's own
 * GitHub token when they signed in with GitHub (so nobody opens a pull request where they could
 * not themselves); others get one opened by the App, which says so in its body.
 */
@Service
public class PullRequests {

    /** The session's pull request as CodInspect knows it. */
    public record View(int number, String url, String state, String branch, String openedBy) {}

    /** What GitHub answered, with its own clock's {@code updated_at} (webhooks are compared with it). */
    private record Opened(View view, Instant updatedAt) {}

    private static final Logger log = LoggerFactory.getLogger(PullRequests.class);

    private final SessionManagement sessions;
    private final GitHubRepos repos;
    private final GitHubProperties properties;
    private final PullRequestRepository pullRequests;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final GitHubIdentities identities;
    private final ApplicationEventPublisher publisher;

    PullRequests(
            SessionManagement sessions,
            GitHubRepos repos,
            GitHubProperties properties,
            PullRequestRepository pullRequests,
            EventLog events,
            TransactionTemplate tx,
            Clock clock,
            GitHubIdentities identities,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.identities = identities;
        this.sessions = sessions;
        this.repos = repos;
        this.properties = properties;
        this.pullRequests = pullRequests;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public View open(CurrentUser actor, UUID sessionId, NewPullRequest request) {
        var session = sessions.get(sessionId);
        var repository = repos.ownerName(session.repository())
                .orElseThrow(() -> ControlPlaneException.conflict(
                        "Session " + sessionId + " is not on a GitHub repository; pull requests need one."));
        var policy = properties.policyFor(repository);
        var title = firstNonBlank(request.title(), session.title(), "CodInspect: " + session.branch());
        var userToken = identities.tokenOf(actor.id());
        var body = body(request.body(), actor, session, userToken.isEmpty());
        var base = firstNonBlank(request.baseBranch(), session.baseBranch(), "main");
        var draft = policy.draft() || Boolean.TRUE.equals(request.draft());
        var pull = GitHubCalls.within(properties.callTimeout(), "the pull request of " + session.branch(), () -> {
            var repo = userToken.isPresent()
                    ? repos.repositoryAs(repository, userToken.get())
                    : repos.repository(repository);
            var owner = repository.substring(0, repository.indexOf('/'));
            var open = repo.queryPullRequests()
                    .head(owner + ":" + session.branch())
                    .state(GHIssueState.OPEN)
                    .list()
                    .toList();
            GHPullRequest pr;
            if (open.isEmpty()) {
                pr = repo.createPullRequest(title, session.branch(), base, body, true, draft);
            } else {
                pr = open.getFirst();
                pr.setTitle(title);
                pr.setBody(body);
            }
            if (policy.label() != null && !policy.label().isBlank()) {
                pr.addLabels(policy.label());
            }
            var view = new View(
                    pr.getNumber(),
                    pr.getHtmlUrl().toString(),
                    PullRequestState.of(false, false, draft),
                    session.branch(),
                    pr.getUser().getLogin());
            return new Opened(
                    view,
                    pr.getUpdatedAt() == null
                            ? clock.instant()
                            : pr.getUpdatedAt().toInstant());
        });
        record(session, repository, pull);
        log.info(
                "Pull request #{} of session={} on {} by user={}",
                pull.view().number(),
                sessionId,
                repository,
                actor.id());
        return pull.view();
    }

    /** Reads the pull request's state from GitHub now (besides webhooks), recording a change. */
    public View refresh(UUID sessionId) {
        var session = sessions.get(sessionId);
        var stored = pullRequests
                .findById(sessionId)
                .orElseThrow(() -> ControlPlaneException.notFound("Pull request of session", sessionId));
        var fresh = GitHubCalls.within(properties.callTimeout(), "pull request #" + stored.number(), () -> {
            var pr = repos.repository(stored.repository()).getPullRequest(stored.number());
            var state = PullRequestState.of(pr.isMerged(), pr.getState() == GHIssueState.CLOSED, pr.isDraft());
            return new Opened(
                    new View(pr.getNumber(), stored.url(), state, session.branch(), stored.openedBy()),
                    pr.getUpdatedAt() == null
                            ? clock.instant()
                            : pr.getUpdatedAt().toInstant());
        });
        if (!fresh.view().state().equals(stored.state())) {
            record(session, stored.repository(), fresh);
        }
        return fresh.view();
    }

    public Optional<View> of(UUID sessionId) {
        var session = sessions.get(sessionId);
        return pullRequests
                .findById(sessionId)
                .map(p -> new View(p.number(), p.url(), p.state(), session.branch(), p.openedBy()));
    }

    private void record(Session session, String repository, Opened opened) {
        record(session, repository, opened.view(), opened.updatedAt());
    }

    /** Stores the session's pull request as GitHub reported it at {@code updatedAt}, with its event. */
    void record(Session session, String repository, View pull, Instant updatedAt) {
        tx.executeWithoutResult(status -> {
            sessions.lockSession(session.id());
            var stored = pullRequests.findById(session.id());
            if (stored.isPresent()) {
                stored.get().update(pull.state(), updatedAt);
            } else {
                pullRequests.save(new PullRequestEntity(
                        session.id(), repository, pull.number(), pull.url(), pull.state(), pull.openedBy(), updatedAt));
            }
            events.append(
                    session.id(),
                    new PullRequestArtifact(
                            null, pull.number(), pull.url(), pull.state(), pull.branch(), pull.openedBy()));
            publisher.publishEvent(new PullRequestChanged(session.id(), pull.number(), pull.url(), pull.state()));
        });
    }

    private String body(String given, CurrentUser actor, Session session, boolean byApp) {
        var body =
                new StringBuilder(given == null || given.isBlank() ? "Changes made by the CodInspect agent." : given);
        body.append("\n\n---\nSession: ")
                .append(properties.publicUrl())
                .append("/sessions/")
                .append(session.id());
        if (byApp) {
            body.append("\nOpened by the CodInspect GitHub App for ")
                    .append(actor.name())
                    .append(", who has not signed in with GitHub.");
        }
        return body.toString();
    }

    private static String firstNonBlank(String... values) {
        for (var value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
