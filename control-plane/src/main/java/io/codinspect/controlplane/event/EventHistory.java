package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventStore;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.SessionEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads sessions' stored timelines, a page at a time. */
@Component
public class EventHistory {

    private final EventStore store;
    private final long pageBytes;

    EventHistory(EventStore store, EventProperties properties) {
        this.store = store;
        this.pageBytes = properties.pageBytes().toBytes();
    }

    /**
     * Stored events after {@code afterSeq}, oldest first: at most {@code limit}, and at most
     * {@code codinspect.events.page-bytes} of JSON (but always one event, if there is one).
     */
    @Transactional(readOnly = true)
    public Page page(UUID sessionId, long afterSeq, int limit) {
        var page = store.page(sessionId, afterSeq, limit, pageBytes);
        return new Page(page.events(), page.hasMore());
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

    /** Up to {@code limit} stored events of one of {@code types} about {@code promptId}, oldest first. */
    @Transactional(readOnly = true)
    public List<SessionEvent> ofPrompt(UUID sessionId, String promptId, List<String> types, int limit) {
        return store.ofPrompt(sessionId, types, promptId, limit).stream()
                .map(row -> EventCodec.fromFields(row.type(), (tools.jackson.databind.node.ObjectNode)
                        EventCodec.mapper().readTree(row.payload())))
                .toList();
    }

    /** The seq of the session's newest committed event, 0 if none. */
    @Transactional(readOnly = true)
    public long lastSeq(UUID sessionId) {
        return store.lastSeq(sessionId);
    }

    /**
     * Some of a session's events.
     *
     * @param hasMore whether events after these were left for the next page
     */
    public record Page(List<StoredEvent> events, boolean hasMore) {}
}
