package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.event.SandboxEventsStored;
import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import io.codinspect.controlplane.session.SessionArchived;
import io.codinspect.model.event.SandboxStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** What happens to sandboxes when something else happens: a failed boot, a dead process, an archived session. */
@Component
class SandboxReactions {

    private final SandboxLifecycle lifecycle;
    private final SandboxRepository sandboxes;
    private final EventLog events;
    private final TransactionTemplate tx;

    SandboxReactions(SandboxLifecycle lifecycle, SandboxRepository sandboxes, EventLog events, TransactionTemplate tx) {
        this.lifecycle = lifecycle;
        this.sandboxes = sandboxes;
        this.events = events;
        this.tx = tx;
    }

    /** The sandbox reported that its boot failed: it ends as failed, and so do the prompts waiting for it. */
    @EventListener
    void on(SandboxEventsStored stored) {
        if (stored.event() instanceof SandboxStatus status && "failed".equals(status.status())) {
            lifecycle.endIfLive(
                    stored.sandboxId(),
                    SandboxState.failed,
                    status.message() == null ? "its boot failed" : status.message());
        }
    }

    /** A provider saw the sandbox's process end; if nobody asked for that, the sandbox is lost now. */
    @EventListener
    void on(SandboxExited exited) {
        lifecycle.endIfLive(exited.sandboxId(), SandboxState.lost, exited.reason());
    }

    /** A provider's word on a sandbox that has not connected yet goes into its session's timeline. */
    @EventListener
    void on(SandboxProgress progress) {
        tx.executeWithoutResult(status -> sandboxes
                .findById(progress.sandboxId())
                .filter(s -> s.status() == SandboxState.requested)
                .ifPresent(s -> events.append(
                        s.sessionId(),
                        new SandboxStatus(s.id().toString(), progress.status(), null, null, progress.message()))));
    }

    /** Runs in the archiving transaction, which holds the session lock. */
    @EventListener
    void on(SessionArchived archived) {
        lifecycle
                .live(archived.sessionId())
                .ifPresent(s -> lifecycle.end(s.id(), SandboxState.stopped, "session archived"));
    }
}
