package io.codinspect.controlplane.session;

import io.codinspect.controlplane.github.PullRequestSessions;
import io.codinspect.controlplane.prompt.Prompt;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a session together with its first prompt, in one transaction: both are stored, or
 * neither. With an external key that exists, the prompt joins that session (deduplicated by its
 * {@code clientRequestId}), so a bot's retried delivery never makes a second session or prompt. A
 * session on a pull request reads it from GitHub first, outside the transaction, and owns it from
 * the start.
 */
@Service
class SessionStarts {

    record Answer(Session session, Prompt prompt, boolean created) {}

    private final SessionManagement sessions;
    private final PromptQueue prompts;
    private final PullRequestSessions pullRequests;
    private final TransactionTemplate tx;

    SessionStarts(
            SessionManagement sessions, PromptQueue prompts, PullRequestSessions pullRequests, TransactionTemplate tx) {
        this.sessions = sessions;
        this.prompts = prompts;
        this.pullRequests = pullRequests;
        this.tx = tx;
    }

    Answer start(CurrentUser actor, NewSession request) {
        var pull = pullRequest(actor, request);
        return tx.execute(status -> {
            var started = pull == null
                    ? sessions.start(actor, request)
                    : sessions.start(actor, request, new SessionManagement.Branches(pull.branch(), pull.baseBranch()));
            if (started.created() && pull != null) {
                pullRequests.adopt(started.session(), pull);
            }
            var prompt = request.prompt() == null
                    ? null
                    : prompts.enqueue(actor, started.session().id(), request.prompt());
            return new Answer(sessions.get(started.session().id()), prompt, started.created());
        });
    }

    /** The pull request the session is to work on; null for none, or when its external key has a session already. */
    private PullRequestSessions.Head pullRequest(CurrentUser actor, NewSession request) {
        if (request.pullRequest() == null) {
            return null;
        }
        if (request.repository() == null) {
            throw ControlPlaneException.badRequest("A session on a pull request needs its repository.");
        }
        if (request.baseBranch() != null) {
            throw ControlPlaneException.badRequest(
                    "A session on a pull request is based on the pull request's base branch; leave baseBranch out.");
        }
        if (request.externalKey() != null
                && sessions.byExternalKey(actor, request.externalKey()).isPresent()) {
            return null;
        }
        return pullRequests.head(request.repository(), request.pullRequest());
    }
}
