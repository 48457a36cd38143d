package io.codinspect.controlplane.github;

import io.codinspect.controlplane.github.internal.PullRequestRepository;
import io.codinspect.controlplane.session.Session;
import io.codinspect.controlplane.system.ControlPlaneException;
import java.time.Clock;
import java.time.Instant;
import org.kohsuke.github.GHIssueState;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sessions that work on an existing pull request: its head branch (which must be in the
 * repository itself, not a fork), based on its base branch, with the pull request as the
 * session's own from the start. The pull request is read from GitHub as the App sees it.
 */
@Service
public class PullRequestSessions {

    /** An open pull request a session can work on. */
    public record Head(
            String repository,
            int number,
            String url,
            String branch,
            String baseBranch,
            String state,
            String author,
            Instant updatedAt) {}

    /** What GitHub said: the pull request, and the repository its branch is in (null: a deleted fork). */
    private record Read(Head head, String from, String defaultBranch) {}

    private final GitHubRepos repos;
    private final GitHubProperties properties;
    private final PullRequests pullRequests;
    private final PullRequestRepository stored;
    private final Clock clock;

    PullRequestSessions(
            GitHubRepos repos,
            GitHubProperties properties,
            PullRequests pullRequests,
            PullRequestRepository stored,
            Clock clock) {
        this.repos = repos;
        this.properties = properties;
        this.pullRequests = pullRequests;
        this.stored = stored;
        this.clock = clock;
    }

    /**
     * Pull request {@code number} of {@code repository} (as a session names it: {@code owner/name} or
     * its URL), when a session can work on it: 400 off GitHub, 404 when there is none, 409 when it
     * is closed or its branch is in a fork.
     */
    public Head head(String repository, int number) {
        var ownerName = repos.ownerName(repos.cloneUrl(repository).orElse(repository))
                .orElseThrow(() -> ControlPlaneException.badRequest(
                        "A session on a pull request needs a repository on GitHub (owner/name)."));
        var what = "pull request #" + number + " of " + ownerName;
        var repo = repos.repository(ownerName);
        Read read;
        try {
            read = GitHubCalls.within(properties.callTimeout(), what, () -> {
                var pr = repo.getPullRequest(number);
                var headRepo = pr.getHead().getRepository();
                var closed = pr.getState() == GHIssueState.CLOSED;
                return new Read(
                        new Head(
                                repo.getFullName(),
                                pr.getNumber(),
                                pr.getHtmlUrl().toString(),
                                pr.getHead().getRef(),
                                pr.getBase().getRef(),
                                PullRequestState.of(pr.getMergedAt() != null, closed, pr.isDraft()),
                                pr.getUser().getLogin(),
                                pr.getUpdatedAt() == null
                                        ? clock.instant()
                                        : pr.getUpdatedAt().toInstant()),
                        headRepo == null ? null : headRepo.getFullName(),
                        repo.getDefaultBranch());
            });
        } catch (GitHubException e) {
            if (e.notFound()) {
                throw new ControlPlaneException(
                        HttpStatus.NOT_FOUND,
                        "Pull request not found",
                        ownerName + " has no pull request #" + number + " that the GitHub App can see.");
            }
            throw e;
        }
        var head = read.head();
        if (read.from() == null || !read.from().equalsIgnoreCase(head.repository())) {
            throw ControlPlaneException.conflict("Pull request #" + number + " of " + ownerName + " comes from "
                    + (read.from() == null ? "a deleted fork" : "the fork " + read.from())
                    + "; CodInspect works only on pull requests whose branch is in " + ownerName + ".");
        }
        if (head.branch().equals(read.defaultBranch())) {
            throw ControlPlaneException.conflict("Pull request #" + number + " of " + head.repository()
                    + " is from its default branch " + head.branch()
                    + "; CodInspect does not work on a repository's default branch.");
        }
        if (head.state().equals("merged") || head.state().equals("closed")) {
            throw ControlPlaneException.conflict(
                    "Pull request #" + number + " of " + ownerName + " is " + head.state() + ".");
        }
        return head;
    }

    /**
     * Makes the pull request the session's, in the caller's transaction (which holds the new
     * session); 409 when another session already works on it.
     */
    public void adopt(Session session, Head head) {
        stored.findByRepositoryAndNumber(head.repository(), head.number()).ifPresent(other -> {
            throw ControlPlaneException.conflict("Pull request #" + head.number() + " of " + head.repository()
                    + " is already worked on in session " + other.sessionId() + ".");
        });
        pullRequests.record(
                session,
                head.repository(),
                new PullRequests.View(head.number(), head.url(), head.state(), head.branch(), head.author()),
                head.updatedAt());
    }
}
