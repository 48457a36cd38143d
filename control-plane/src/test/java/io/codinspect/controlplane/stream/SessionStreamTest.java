package io.codinspect.controlplane.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.event.StoredEvent;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.model.event.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ordering rules of one session's fan-out, without a server. */
class SessionStreamTest {

    private final UUID sessionId = UUID.randomUUID();
    private final CurrentUser user = new CurrentUser(UUID.randomUUID(), "Ann", "ann", null, false);

    @Test
    void releasesEventsCommittedOutOfOrderInSeqOrderAndEachOnce() {
        var stream = new SessionStream(sessionId, 100);
        var socket = new RecordingSocket();
        var watcher = live(stream, socket, 0);
        stream.startAfter(0);

        stream.publish(List.of(event(3)), Instant.now());
        stream.publish(List.of(event(1)), Instant.now());
        assertThat(stream.staleGapAfter(Instant.now().plusSeconds(1)))
                .as("2 is missing")
                .isEqualTo(1);
        stream.publish(List.of(event(2), event(3)), Instant.now());

        await().until(() -> seqs(socket).size() == 3);
        assertThat(seqs(socket)).containsExactly(1L, 2L, 3L);
        assertThat(stream.staleGapAfter(Instant.now().plusSeconds(1))).isEqualTo(-1);
        assertThat(watcher.lastSent).isEqualTo(3);
    }

    @Test
    void eventsAlreadyInTheDatabaseWhenTheStreamStartsAreLeftToTheReplay() {
        var stream = new SessionStream(sessionId, 100);
        var socket = new RecordingSocket();
        live(stream, socket, 5);
        stream.publish(List.of(event(5), event(6)), Instant.now());
        stream.startAfter(5);

        await().until(() -> seqs(socket).size() == 1);
        assertThat(seqs(socket)).containsExactly(6L);
    }

    @Test
    void aWatcherGoingLiveGetsWhatArrivedDuringItsReplayWithoutRepeatingTheReplay() {
        var stream = new SessionStream(sessionId, 100);
        stream.startAfter(2);
        var socket = new RecordingSocket();
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, 100), 0);
        stream.add(watcher);
        stream.publish(List.of(event(3), event(4)), Instant.now()); // held while replaying

        // the replay read 1..3 from the database
        assertThat(stream.goLive(watcher, 3, "{\"type\":\"replay.done\",\"lastSeq\":%d}"))
                .isTrue();
        stream.publish(List.of(event(5)), Instant.now());

        await().until(() -> socket.frames.stream().anyMatch(f -> f.contains("\"seq\":5")));
        assertThat(seqs(socket)).containsExactly(4L, 5L);
        assertThat(String.join("", socket.frames)).contains("\"lastSeq\":4");
    }

    @Test
    void aReplayWhoseLiveBufferOverflowedReadsOnInsteadOfLosingEvents() {
        var stream = new SessionStream(sessionId, 2);
        stream.startAfter(0);
        var socket = new RecordingSocket();
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, 100), 0);
        stream.add(watcher);
        stream.publish(List.of(event(1), event(2), event(3)), Instant.now());

        assertThat(stream.goLive(watcher, 0, "{\"type\":\"replay.done\",\"lastSeq\":%d}"))
                .isFalse();
        assertThat(stream.goLive(watcher, 3, "{\"type\":\"replay.done\",\"lastSeq\":%d}"))
                .isTrue();
    }

    @Test
    void aWatcherThatCannotKeepUpIsClosedWithResumeAndOthersGetEverything() {
        var stream = new SessionStream(sessionId, 100);
        stream.startAfter(0);
        var stuck = new RecordingSocket() {
            @Override
            public void sendMessage(org.springframework.web.socket.WebSocketMessage<?> message) {
                try {
                    Thread.sleep(500); // a client that reads very slowly: every frame takes half a second
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var healthy = new RecordingSocket();
        live(stream, stuck, 0, 5);
        live(stream, healthy, 0, 1_000);

        var events = new ArrayList<StoredEvent>();
        for (int i = 1; i <= 50; i++) {
            events.add(event(i));
        }
        stream.publish(events, Instant.now());

        await().until(() -> stuck.closed != null);
        assertThat(stuck.closed.getCode()).isEqualTo(4429);
        await().until(() -> seqs(healthy).size() == 50);
    }

    private WatcherConnection live(SessionStream stream, RecordingSocket socket, long lastSeq) {
        return live(stream, socket, lastSeq, 100);
    }

    private WatcherConnection live(SessionStream stream, RecordingSocket socket, long lastSeq, int buffer) {
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, buffer), lastSeq);
        watcher.pending = null;
        stream.add(watcher);
        return watcher;
    }

    private StoredEvent event(long seq) {
        var now = Instant.now();
        return new StoredEvent(
                sessionId,
                seq,
                "warning",
                now,
                "{\"seq\":" + seq + ",\"type\":\"warning\",\"createdAt\":\"" + now + "\",\"message\":\"m\"}");
    }

    private static List<Long> seqs(RecordingSocket socket) {
        var seqs = new ArrayList<Long>();
        for (var frame : socket.frames) {
            collect(EventCodec.mapper().readTree(frame), seqs);
        }
        return seqs;
    }

    private static void collect(tools.jackson.databind.JsonNode message, List<Long> into) {
        switch (message.get("type").asString()) {
            case "batch" -> message.get("messages").forEach(m -> collect(m, into));
            case "event" -> into.add(message.get("event").get("seq").asLong());
            default -> {}
        }
    }
}
