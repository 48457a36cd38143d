package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventJson;
import io.codinspect.controlplane.event.internal.EventStore;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.SessionEvent;
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

    /**
     * The first stored event after {@code afterSeq} of one of {@code types} about {@code promptId},
     * read back as the event it is.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<SessionEvent> find(UUID sessionId, long afterSeq, List<String> types, String promptId) {
        return store.find(sessionId, afterSeq, types, promptId)
                .map(row -> EventCodec.fromFields(row.type(), (tools.jackson.databind.node.ObjectNode)
                        EventCodec.mapper().readTree(row.payload())));
    }

    /** The seq of the session's newest committed event, 0 if none. */
    @Transactional(readOnly = true)
    public long lastSeq(UUID sessionId) {
        return store.lastSeq(sessionId);
    }
}
