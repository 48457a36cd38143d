package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.model.event.PromptCancelled;
import io.codinspect.model.event.PromptFailed;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends running prompts whose sandbox has not confirmed a stop within the stop timeout: cancelled
 * after a person's stop, failed after the control plane's own (the turn timeout).
 */
@Component
class StopEnforcer {

    private static final Logger log = LoggerFactory.getLogger(StopEnforcer.class);

    private final PromptRepository prompts;
    private final SessionManagement sessions;
    private final PromptProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PromptEndings endings;

    StopEnforcer(
            PromptRepository prompts,
            SessionManagement sessions,
            PromptProperties properties,
            TransactionTemplate tx,
            Clock clock,
            PromptEndings endings) {
        this.prompts = prompts;
        this.sessions = sessions;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.endings = endings;
    }

    @Scheduled(fixedDelay = 1_000, initialDelay = 1_000)
    void enforce() {
        var cutoff = clock.instant().minus(properties.stopTimeout());
        for (var overdue : prompts.findByStatusAndStopRequestedAtBefore(PromptStatus.running, cutoff)) {
            try {
                cancel(overdue.sessionId(), overdue.id());
            } catch (RuntimeException e) {
                log.warn("Could not cancel overdue prompt={} session={}", overdue.id(), overdue.sessionId(), e);
            }
        }
    }

    private void cancel(UUID sessionId, UUID promptId) {
        tx.executeWithoutResult(status -> {
            sessions.lockSession(sessionId);
            var prompt = prompts.findById(promptId).orElseThrow();
            if (prompt.status() != PromptStatus.running) {
                return; // the sandbox confirmed meanwhile
            }
            var unconfirmed = "the sandbox did not confirm within "
                    + properties.stopTimeout().toSeconds() + " s";
            if (prompt.stopReason() != null) { // stopped by the control plane itself: it fails
                var error = "Stopped: " + prompt.stopReason() + "; " + unconfirmed
                        + ", so its work since the last push may be missing from the branch.";
                endings.endRunning(prompt, PromptStatus.failed, error, new PromptFailed(promptId.toString(), error));
                log.info("Failed prompt={} session={}: {}", promptId, sessionId, error);
                return;
            }
            var reason = "stopped; " + unconfirmed;
            endings.endRunning(prompt, PromptStatus.cancelled, null, new PromptCancelled(promptId.toString(), reason));
            log.info("Cancelled prompt={} session={}: {}", promptId, sessionId, reason);
        });
    }
}
