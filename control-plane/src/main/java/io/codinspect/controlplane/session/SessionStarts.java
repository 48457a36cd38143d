package io.codinspect.controlplane.session;

import io.codinspect.controlplane.prompt.Prompt;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a session together with its first prompt, in one transaction: both are stored, or
 * neither. With an external key that exists, the prompt joins that session (deduplicated by its
 * {@code clientRequestId}), so a bot's retried delivery never makes a second session or prompt.
 */
@Service
class SessionStarts {

    record Answer(Session session, Prompt prompt, boolean created) {}

    private final SessionManagement sessions;
    private final PromptQueue prompts;

    SessionStarts(SessionManagement sessions, PromptQueue prompts) {
        this.sessions = sessions;
        this.prompts = prompts;
    }

    @Transactional
    Answer start(CurrentUser actor, NewSession request) {
        var started = sessions.start(actor, request);
        var prompt = request.prompt() == null
                ? null
                : prompts.enqueue(actor, started.session().id(), request.prompt());
        return new Answer(sessions.get(started.session().id()), prompt, started.created());
    }
}
