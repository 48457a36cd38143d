package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventJson;
import io.codinspect.controlplane.event.internal.EventStore;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.event.EventTypes;
import io.codinspect.model.event.SessionEvent;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each session's timeline. Appends happen inside the caller's transaction, so an event is stored
 * exactly when the state change it reports is; it goes live only after that commit. Events over
 * {@code codinspect.events.max-event-size} are cut to fit first.
 */
@Component
public class EventLog {

    private final EventStore store;
    private final EventSink sink;
    private final EntityManager entityManager;
    private final EventSizeLimit sizeLimit;
    private final Clock clock;

    EventLog(EventStore store, EventSink sink, EntityManager entityManager, EventSizeLimit sizeLimit, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.entityManager = entityManager;
        this.sizeLimit = sizeLimit;
        this.clock = clock;
    }

    /** Appends events to a session's timeline in the current transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<StoredEvent> append(UUID sessionId, List<? extends SessionEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        entityManager.flush(); // the session row may have been written through JPA in this transaction
        var last = store.reserve(Map.of(sessionId, events.size())).get(sessionId);
        if (last == null) {
            throw new IllegalStateException("session " + sessionId + " does not exist");
        }
        var now = clock.instant();
        long seq = last - events.size();
        var stored = new ArrayList<StoredEvent>(events.size());
        var payloads = new ArrayList<String>(events.size());
        for (var reported : events) {
            var event = sizeLimit.apply(sessionId, reported);
            var fields = EventJson.storedFields(event);
            var type = EventTypes.nameOf(event);
            seq++;
            stored.add(new StoredEvent(sessionId, seq, type, now, EventJson.of(seq, type, now, fields)));
            payloads.add(fields);
        }
        store.insert(stored, payloads);
        AfterCommit.run(() -> sink.committed(stored));
        return stored;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<StoredEvent> append(UUID sessionId, SessionEvent event) {
        return append(sessionId, List.of(event));
    }
}
