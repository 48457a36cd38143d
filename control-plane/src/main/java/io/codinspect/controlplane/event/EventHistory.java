package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventStore;
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
