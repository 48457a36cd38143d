package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.session.SessionStatus;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.event.SessionEvent;
import org.springframework.stereotype.Component;

/** The one way a running prompt ends, whoever ends it: sandbox report, stop, overdue stop, lost sandbox. */
@Component
class PromptEndings {

    private final PromptTransitions transitions;
    private final SessionManagement sessions;
    private final EventLog events;
    private final PromptDispatcher dispatcher;

    PromptEndings(
            PromptTransitions transitions, SessionManagement sessions, EventLog events, PromptDispatcher dispatcher) {
        this.transitions = transitions;
        this.sessions = sessions;
        this.events = events;
        this.dispatcher = dispatcher;
    }

    /**
     * Finishes a running prompt, records {@code report} (null when the sandbox's own report is
     * already stored), makes the session idle and, after commit, moves the queue on. The caller
     * holds the session lock.
     */
    void endRunning(PromptEntity prompt, PromptStatus outcome, String error, SessionEvent report) {
        transitions.finish(prompt, outcome, error);
        if (report != null) {
            events.append(prompt.sessionId(), report);
        }
        sessions.move(prompt.sessionId(), SessionStatus.idle, "prompt " + outcome);
        AfterCommit.run(() -> dispatcher.kick(prompt.sessionId()));
    }
}
