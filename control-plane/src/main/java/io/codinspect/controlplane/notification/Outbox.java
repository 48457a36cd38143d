package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.github.PullRequestChanged;
import io.codinspect.controlplane.notification.internal.OutboxStore;
import io.codinspect.controlplane.prompt.PromptTransitioned;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.event.EventCodec;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes durable notifications to the outbox inside the transaction that makes the change (a
 * prompt starting or ending, a pull request opened or changed), so none is lost or sent for a
 * change that rolled back; the sender is woken once the transaction commits.
 */
@Component
class Outbox {

    private final OutboxStore store;
    private final NotificationSender sender;
    private final Clock clock;

    Outbox(OutboxStore store, NotificationSender sender, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
    }

    @EventListener
    void on(PromptTransitioned change) {
        var kind = change.started() ? Kinds.PROMPT_STARTED : Kinds.PROMPT_FINISHED;
        if (change.started() || change.status().finished()) {
            written(store.enqueue(change.sessionId(), change.promptId(), kind, null, clock.instant()));
        }
    }

    @EventListener
    void on(PullRequestChanged change) {
        var facts = EventCodec.mapper()
                .writeValueAsString(Map.of("number", change.number(), "url", change.url(), "state", change.state()));
        written(store.enqueue(change.sessionId(), null, Kinds.PULL_REQUEST, facts, clock.instant()));
    }

    private void written(int rows) {
        if (rows > 0) {
            AfterCommit.run(sender::kick);
        }
    }
}
