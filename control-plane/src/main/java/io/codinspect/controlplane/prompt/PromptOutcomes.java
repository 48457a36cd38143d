package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.event.SandboxEventsStored;
import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.sandbox.SandboxEvents;
import io.codinspect.controlplane.sandbox.SandboxState;
import io.codinspect.controlplane.session.SessionArchived;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.PromptFailed;
import io.codinspect.model.event.SessionEvent;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps prompts in step with what sandboxes report and with what happens to sandboxes and sessions. */
@Component
class PromptOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PromptOutcomes.class);

    private final PromptRepository prompts;
    private final PromptTransitions transitions;
    private final PromptDispatcher dispatcher;
    private final EventLog events;
    private final PromptEndings endings;
    private final SessionManagement sessions;
    private final TransactionTemplate tx;
    private final io.codinspect.controlplane.event.EventHistory history;

    static final java.util.List<String> ENDINGS = java.util.List.of(
            io.codinspect.model.event.EventTypes.nameOf(PromptCompleted.class),
            io.codinspect.model.event.EventTypes.nameOf(PromptFailed.class),
            io.codinspect.model.event.EventTypes.nameOf(PromptCancelled.class));

    PromptOutcomes(
            PromptRepository prompts,
            PromptTransitions transitions,
            PromptDispatcher dispatcher,
            EventLog events,
            PromptEndings endings,
            SessionManagement sessions,
            TransactionTemplate tx,
            io.codinspect.controlplane.event.EventHistory history) {
        this.history = history;
        this.prompts = prompts;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.events = events;
        this.endings = endings;
        this.sessions = sessions;
        this.tx = tx;
    }

    /** A sandbox reported a prompt's end, which is stored: the prompt ends with it, in a transaction of its own. */
    @EventListener
    void on(SandboxEventsStored stored) {
        if (outcome(stored.event()) == null) {
            return;
        }
        tx.executeWithoutResult(status -> {
            sessions.lockSession(stored.sessionId());
            apply(stored.sessionId(), stored.event());
        });
    }

    /** The outcome a stored ending reports, or null for any other event. */
    static PromptStatus outcome(SessionEvent event) {
        return switch (event) {
            case PromptCompleted e -> PromptStatus.completed;
            case PromptFailed e -> PromptStatus.failed;
            case PromptCancelled e -> PromptStatus.cancelled;
            default -> null;
        };
    }

    /**
     * Ends the running prompt a stored ending is about (the report itself is already in the
     * timeline); an ending of a prompt that is not running changes nothing. The caller holds the
     * session lock.
     */
    void apply(UUID sessionId, SessionEvent ending) {
        var outcome = outcome(ending);
        var prompt = running(sessionId, ending.promptId());
        if (outcome == null || prompt.isEmpty()) {
            log.debug("Ignoring {} of prompt={} session={}: not running", outcome, ending.promptId(), sessionId);
            return;
        }
        var error = ending instanceof PromptFailed failed ? failed.error() : null;
        endings.endRunning(prompt.get(), outcome, error, null);
    }

    @TransactionalEventListener
    void on(SandboxEvents.Connected connected) {
        dispatcher.resendIfMissing(connected);
        dispatcher.kick(connected.sessionId());
    }

    /**
     * A sandbox ended: its running prompt fails. If it never connected, the queued prompts fail
     * with it (starting another would most likely end the same way); after a loss of a sandbox
     * that did run, the queue moves on to a new one.
     */
    @EventListener
    void on(SandboxEvents.Ended ended) {
        var message = switch (ended.state()) {
            case lost -> "The sandbox was lost: " + ended.reason();
            case failed -> "The sandbox could not start: " + ended.reason();
            default -> "The sandbox stopped: " + ended.reason();
        };
        for (var prompt : prompts.findBySessionIdAndStatusInOrderByOrdinal(ended.sessionId(), PromptQueue.UNFINISHED)) {
            var failure = new PromptFailed(prompt.id().toString(), message);
            if (prompt.status() == PromptStatus.running) {
                if (ended.sandboxId().equals(prompt.sandboxId())) {
                    // the sandbox's own report, stored but not yet reacted to, says more (where its work is)
                    var reported = storedEnding(prompt);
                    if (reported.isPresent()) {
                        apply(ended.sessionId(), reported.get());
                    } else {
                        endings.endRunning(prompt, PromptStatus.failed, message, failure);
                    }
                }
            } else if (ended.neverReady()) {
                transitions.finish(prompt, PromptStatus.failed, message);
                events.append(ended.sessionId(), failure);
            }
        }
        if (ended.state() == SandboxState.lost && !ended.neverReady()) {
            AfterCommit.run(() -> dispatcher.kick(ended.sessionId()));
        }
        AfterCommit.run(this::kickWaiting);
    }

    /** A sandbox ended, so there may be room for sessions waiting for one (max-active), oldest first. */
    private void kickWaiting() {
        for (var sessionId : prompts.sessionsWaitingForSandbox()) {
            try {
                dispatcher.kick(sessionId);
            } catch (RuntimeException e) {
                log.warn("Could not dispatch session={}", sessionId, e);
            }
        }
    }

    @EventListener
    void on(SessionArchived archived) {
        for (var prompt : prompts.findBySessionIdAndStatusInOrderByOrdinal(
                archived.sessionId(), EnumSet.of(PromptStatus.queued))) {
            transitions.finish(prompt, PromptStatus.cancelled, null);
            events.append(archived.sessionId(), new PromptCancelled(prompt.id().toString(), "session archived"));
        }
    }

    /** The ending a sandbox reported for a running prompt and that is stored, if any. */
    Optional<SessionEvent> storedEnding(PromptEntity prompt) {
        if (prompt.startedSeq() == null) {
            return Optional.empty();
        }
        return history.find(
                prompt.sessionId(), prompt.startedSeq(), ENDINGS, prompt.id().toString());
    }

    private Optional<PromptEntity> running(UUID sessionId, String promptId) {
        UUID id;
        try {
            id = UUID.fromString(promptId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return prompts.findByIdAndSessionId(id, sessionId).filter(p -> p.status() == PromptStatus.running);
    }
}
