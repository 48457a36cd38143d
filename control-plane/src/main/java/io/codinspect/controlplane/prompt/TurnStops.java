package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.sandbox.BridgeConnections;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.model.bridge.ControlMessage;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stops running turns for a reason of the control plane's own (past the turn timeout, over a cost
 * limit): the sandbox aborts the turn, commits and pushes its work as on any stop, and fails the
 * prompt with the reason. A turn already asked to stop is left alone. A sandbox whose bridge is
 * down hears of the stop in its welcome; one that never confirms is overruled by the
 * {@link StopEnforcer}.
 */
@Component
public class TurnStops {

    private static final Logger log = LoggerFactory.getLogger(TurnStops.class);

    private final PromptRepository prompts;
    private final SessionManagement sessions;
    private final BridgeConnections bridges;
    private final TransactionTemplate tx;
    private final Clock clock;

    TurnStops(
            PromptRepository prompts,
            SessionManagement sessions,
            BridgeConnections bridges,
            TransactionTemplate tx,
            Clock clock) {
        this.prompts = prompts;
        this.sessions = sessions;
        this.bridges = bridges;
        this.tx = tx;
        this.clock = clock;
    }

    /** Asks the sandbox to stop {@code promptId} if it is still running; false if it was not, or was stopping already. */
    public boolean stop(UUID sessionId, UUID promptId, String reason) {
        var sandboxId = tx.execute(status -> {
            sessions.lockSession(sessionId);
            var prompt = prompts.findById(promptId).orElse(null);
            if (prompt == null || prompt.status() != PromptStatus.running || prompt.stopRequestedAt() != null) {
                return null;
            }
            prompt.requestStop(clock.instant(), reason);
            return prompt.sandboxId();
        });
        if (sandboxId == null) {
            return false;
        }
        log.info("Stopping prompt={} session={}: {}", promptId, sessionId, reason);
        bridges.send(sandboxId, new ControlMessage.Stop(promptId.toString(), reason));
        return true;
    }
}
