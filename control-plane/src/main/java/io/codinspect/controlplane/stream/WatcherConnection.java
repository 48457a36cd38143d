package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.event.StoredEvent;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.model.stream.PresenceState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.UUID;

/**
 * One watcher's socket on one session. The fields are guarded by the lock of the
 * {@link SessionStream} it belongs to.
 */
final class WatcherConnection {

    final String id;
    final UUID sessionId;
    final CurrentUser user;
    final Instant since;
    final Outbox outbox;
    PresenceState presence = PresenceState.active;

    /** While replaying, live events wait here; {@code null} once live. */
    ArrayDeque<StoredEvent> pending = new ArrayDeque<>();

    boolean pendingOverflowed;

    /** The newest seq sent to this watcher. */
    long lastSent;

    WatcherConnection(String id, UUID sessionId, CurrentUser user, Instant since, Outbox outbox, long lastSeq) {
        this.id = id;
        this.sessionId = sessionId;
        this.user = user;
        this.since = since;
        this.outbox = outbox;
        this.lastSent = lastSeq;
    }

    boolean live() {
        return pending == null;
    }

    static String eventMessage(StoredEvent event) {
        return "{\"type\":\"event\",\"event\":" + event.json() + "}";
    }
}
