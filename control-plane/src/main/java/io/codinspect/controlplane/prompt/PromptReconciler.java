package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.session.SessionManagement;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds from the database the work that callbacks ("kicks", reactions) normally start, so that a
 * crash or a lost callback delays it and never strands it: every
 * {@code codinspect.prompts.reconcile-interval} it dispatches sessions that have queued prompts
 * and none running, ends running prompts whose ending a sandbox already reported (the event is
 * stored, its reaction was lost), and stops turns past {@code codinspect.prompts.turn-timeout}.
 */
@Component
class PromptReconciler {

    private static final Logger log = LoggerFactory.getLogger(PromptReconciler.class);

    private final PromptRepository prompts;
    private final PromptDispatcher dispatcher;
    private final PromptOutcomes outcomes;
    private final SessionManagement sessions;
    private final TurnStops stops;
    private final PromptProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    PromptReconciler(
            PromptRepository prompts,
            PromptDispatcher dispatcher,
            PromptOutcomes outcomes,
            SessionManagement sessions,
            TurnStops stops,
            PromptProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.prompts = prompts;
        this.dispatcher = dispatcher;
        this.outcomes = outcomes;
        this.sessions = sessions;
        this.stops = stops;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${codinspect.prompts.reconcile-interval:2s}",
            initialDelayString = "${codinspect.prompts.reconcile-interval:2s}")
    void reconcile() {
        endReported();
        stopOverdue();
        for (var sessionId : prompts.sessionsWaitingForSandbox()) {
            try {
                dispatcher.kick(sessionId);
            } catch (RuntimeException e) {
                log.warn("Could not dispatch session={}", sessionId, e);
            }
        }
    }

    /** Running prompts whose ending is already in the timeline end with it. */
    private void endReported() {
        for (var prompt : prompts.findByStatus(PromptStatus.running)) {
            if (prompt.startedSeq() == null) {
                continue;
            }
            try {
                outcomes.storedEnding(prompt)
                        .ifPresent(ending -> tx.executeWithoutResult(status -> {
                            sessions.lockSession(prompt.sessionId());
                            log.info(
                                    "Prompt={} ends with its stored {} (its reaction was lost)",
                                    prompt.id(),
                                    ending.getClass().getSimpleName());
                            outcomes.apply(prompt.sessionId(), ending);
                        }));
            } catch (RuntimeException e) {
                log.warn("Could not reconcile prompt={} session={}", prompt.id(), prompt.sessionId(), e);
            }
        }
    }

    /** Turns past the turn timeout are stopped; the sandbox commits their work and fails them, saying so. */
    private void stopOverdue() {
        var timeout = properties.turnTimeout();
        var cutoff = clock.instant().minus(timeout);
        for (var overdue : prompts.findByStatusAndStartedAtBeforeAndStopRequestedAtNull(PromptStatus.running, cutoff)) {
            try {
                stops.stop(overdue.sessionId(), overdue.id(), "the turn ran longer than " + words(timeout));
            } catch (RuntimeException e) {
                log.warn("Could not stop overdue prompt={}", overdue.id(), e);
            }
        }
    }

    static String words(java.time.Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }
}
