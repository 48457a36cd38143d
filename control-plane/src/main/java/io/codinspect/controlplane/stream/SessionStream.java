package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.event.StoredEvent;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.stream.PresenceState;
import io.codinspect.model.stream.ServerMessage;
import io.codinspect.model.stream.Watcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The live fan-out of one session. Committed events may arrive from several threads out of
 * order; they are released to watchers strictly in seq order, each exactly once. A watcher that
 * joins replays from the database while live events wait for it, so there is no gap and no
 * duplicate at the seam.
 */
final class SessionStream {

    private static final long UNKNOWN = -1;

    final UUID sessionId;
    private final int replayBuffer;
    private final List<WatcherConnection> connections = new ArrayList<>();
    private final TreeMap<Long, StoredEvent> held = new TreeMap<>();
    private long lastReleased = UNKNOWN;
    private Instant gapSince;

    SessionStream(UUID sessionId, int replayBuffer) {
        this.sessionId = sessionId;
        this.replayBuffer = replayBuffer;
    }

    /** Sets where live delivery starts: every event up to {@code committedSeq} is readable in the database. */
    synchronized void startAfter(long committedSeq) {
        lastReleased = committedSeq;
        held.headMap(committedSeq, true).clear();
        release();
    }

    synchronized void add(WatcherConnection connection) {
        connections.add(connection);
    }

    synchronized boolean remove(WatcherConnection connection) {
        connections.remove(connection);
        return connections.isEmpty();
    }

    synchronized List<WatcherConnection> connections() {
        return List.copyOf(connections);
    }

    synchronized boolean contains(WatcherConnection connection) {
        return connections.contains(connection);
    }

    synchronized void publish(List<StoredEvent> events, Instant now) {
        for (var event : events) {
            if (lastReleased == UNKNOWN || event.seq() > lastReleased) {
                held.put(event.seq(), event);
            }
        }
        release();
        gapSince = held.isEmpty() ? null : (gapSince == null ? now : gapSince);
    }

    /** The first missing seq if a gap has held events back since before {@code deadline}. */
    synchronized long staleGapAfter(Instant deadline) {
        if (gapSince == null || gapSince.isAfter(deadline) || lastReleased == UNKNOWN) {
            return UNKNOWN;
        }
        return lastReleased;
    }

    synchronized void delta(String message) {
        long bytes = Outbox.bytes(message); // once for all
        for (var c : connections) {
            if (c.live()) {
                c.outbox.offer(message, bytes);
            }
        }
    }

    /**
     * Ends a watcher's replay once it has sent everything up to {@code cursor}. Returns false when
     * live events overflowed its buffer meanwhile, in which case the replay must read on.
     */
    synchronized boolean goLive(WatcherConnection c, long cursor, String replayDoneMessage) {
        if (c.pendingOverflowed) {
            c.pendingOverflowed = false;
            c.pending.clear();
            c.lastSent = cursor;
            return false;
        }
        c.lastSent = cursor;
        for (var event : c.pending) {
            var message = WatcherConnection.eventMessage(event);
            sendLive(c, event, message, Outbox.bytes(message));
        }
        c.pending = null;
        c.outbox.offer(replayDoneMessage.formatted(c.lastSent));
        return true;
    }

    synchronized void broadcastPresence() {
        var message = presenceMessage();
        long bytes = Outbox.bytes(message);
        for (var c : connections) {
            c.outbox.offer(message, bytes);
        }
    }

    private void release() {
        if (lastReleased == UNKNOWN) {
            return;
        }
        while (!held.isEmpty() && held.firstKey() == lastReleased + 1) {
            var event = held.pollFirstEntry().getValue();
            lastReleased = event.seq();
            String message = null; // built and measured once for all
            long bytes = 0;
            for (var c : connections) {
                if (c.live()) {
                    if (message == null) {
                        message = WatcherConnection.eventMessage(event);
                        bytes = Outbox.bytes(message);
                    }
                    sendLive(c, event, message, bytes);
                } else if (c.pending.size() < replayBuffer) {
                    c.pending.add(event);
                } else {
                    c.pendingOverflowed = true;
                }
            }
        }
    }

    private static void sendLive(WatcherConnection c, StoredEvent event, String message, long bytes) {
        if (event.seq() > c.lastSent) {
            c.lastSent = event.seq();
            c.outbox.offer(message, bytes);
        }
    }

    private String presenceMessage() {
        Map<UUID, Watcher> byUser = new LinkedHashMap<>();
        for (var c : connections) {
            if (c.outbox.isClosed()) {
                continue;
            }
            var w = new Watcher(c.user.id().toString(), c.user.name(), c.user.login(), c.since, c.presence);
            byUser.merge(c.user.id(), w, SessionStream::merge);
        }
        var watchers = byUser.values().stream()
                .sorted(Comparator.comparing(Watcher::since))
                .toList();
        return EventCodec.mapper().writeValueAsString(new ServerMessage.Presence(watchers));
    }

    private static Watcher merge(Watcher a, Watcher b) {
        var since = a.since().isBefore(b.since()) ? a.since() : b.since();
        var state = a.state() == PresenceState.active || b.state() == PresenceState.active
                ? PresenceState.active
                : PresenceState.idle;
        return new Watcher(a.userId(), a.name(), a.login(), since, state);
    }
}
