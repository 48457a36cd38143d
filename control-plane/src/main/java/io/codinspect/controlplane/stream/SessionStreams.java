package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.event.EventHistory;
import io.codinspect.controlplane.event.EventSink;
import io.codinspect.controlplane.event.StoredEvent;
import io.codinspect.model.stream.PresenceState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every session's live fan-out to its watchers, and their presence. */
@Component
public class SessionStreams implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(SessionStreams.class);
    private static final int REPLAY_PAGE = 500;
    private static final String REPLAY_DONE = "{\"type\":\"replay.done\",\"lastSeq\":%d}";

    private final Map<UUID, SessionStream> streams = new ConcurrentHashMap<>();
    private final EventHistory events;
    private final StreamProperties properties;
    private final Clock clock;

    SessionStreams(EventHistory events, StreamProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void committed(List<StoredEvent> committed) {
        if (committed.isEmpty()) {
            return;
        }
        var bySession = new LinkedHashMap<UUID, List<StoredEvent>>();
        for (var e : committed) {
            bySession.computeIfAbsent(e.sessionId(), id -> new ArrayList<>()).add(e);
        }
        var now = clock.instant();
        bySession.forEach((sessionId, list) -> {
            var stream = streams.get(sessionId);
            if (stream != null) {
                stream.publish(list, now);
            }
        });
    }

    @Override
    public void delta(UUID sessionId, String message) {
        var stream = streams.get(sessionId);
        if (stream != null) {
            stream.delta(message);
        }
    }

    /**
     * Adds a watcher, replays what it missed after its {@code lastSent}, then switches it to live.
     * The replay reads pages bounded in events and bytes ({@code codinspect.events.page-bytes}) and
     * waits for room in the watcher's outbox between messages. Runs on the watcher's own thread;
     * returns when the watcher is live.
     */
    void join(WatcherConnection connection) throws InterruptedException {
        SessionStream stream;
        boolean created;
        synchronized (streams) {
            var existing = streams.get(connection.sessionId);
            created = existing == null;
            stream = created ? new SessionStream(connection.sessionId, properties.replayBuffer()) : existing;
            stream.add(connection);
            streams.put(connection.sessionId, stream);
        }
        if (created) {
            stream.startAfter(events.lastSeq(connection.sessionId));
        }
        try {
            stream.broadcastPresence();
            long cursor = connection.lastSent;
            while (!connection.outbox.isClosed()) {
                var page = events.page(connection.sessionId, cursor, REPLAY_PAGE); // bounded in bytes too
                for (var event : page.events()) {
                    connection.outbox.put(WatcherConnection.eventMessage(event));
                    cursor = event.seq();
                }
                if (!page.hasMore() && stream.goLive(connection, cursor, REPLAY_DONE)) {
                    return;
                }
            }
        } finally {
            if (connection.outbox.isClosed()) {
                leave(connection); // the socket closed during the replay, maybe before it was added
            }
        }
    }

    /** Removes a watcher; removing one that is not (or no longer) there does nothing. */
    void leave(WatcherConnection connection) {
        synchronized (streams) {
            var stream = streams.get(connection.sessionId);
            if (stream == null || !stream.contains(connection)) {
                return;
            }
            if (stream.remove(connection)) {
                streams.remove(connection.sessionId);
                return;
            }
            stream.broadcastPresence();
        }
    }

    void presence(WatcherConnection connection, PresenceState state) {
        var stream = streams.get(connection.sessionId);
        if (stream != null) {
            synchronized (stream) {
                connection.presence = state;
            }
            stream.broadcastPresence();
        }
    }

    /** Every watcher connected now, of every session. */
    List<WatcherConnection> watchers() {
        var all = new ArrayList<WatcherConnection>();
        for (var stream : streams.values()) {
            all.addAll(stream.connections());
        }
        return all;
    }

    /** Fills gaps that outlived {@code codinspect.stream.gap-timeout} from the database. */
    @Scheduled(fixedDelayString = "${codinspect.stream.gap-timeout:500ms}")
    void fillGaps() {
        var deadline = clock.instant().minus(properties.gapTimeout());
        for (var stream : streams.values()) {
            long after = stream.staleGapAfter(deadline);
            if (after >= 0) {
                log.debug("Filling live gap after seq={} session={}", after, stream.sessionId);
                stream.publish(events.page(stream.sessionId, after, REPLAY_PAGE).events(), clock.instant());
            }
        }
    }
}
