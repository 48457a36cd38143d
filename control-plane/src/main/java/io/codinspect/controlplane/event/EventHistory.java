package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventJson;
import io.codinspect.controlplane.event.internal.EventStore;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads sessions' stored timelines. */
@Component
public class EventHistory {

    private final EventStore store;

    EventHistory(EventStore store) {
        this.store = store;
    }

    /** Stored events after {@code afterSeq}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<StoredEvent> after(UUID sessionId, long afterSeq, int limit) {
        return store.after(sessionId, afterSeq, limit).stream()
                .map(r -> new StoredEvent(
                        sessionId,
                        r.seq(),
                        r.type(),
                        r.createdAt(),
                        EventJson.of(r.seq(), r.type(), r.createdAt(), r.payload())))
                .toList();
    }

    /** The seq of the session's newest committed event, 0 if none. */
    @Transactional(readOnly = true)
    public long lastSeq(UUID sessionId) {
        return store.lastSeq(sessionId);
    }
}
