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
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, 100_000), 0);
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
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, 100_000), 0);
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
        live(stream, stuck, 0, 500);
        live(stream, healthy, 0, 100_000);

        var events = new ArrayList<StoredEvent>();
        for (int i = 1; i <= 50; i++) {
            events.add(event(i));
        }
        stream.publish(events, Instant.now());

        await().until(() -> stuck.closed != null);
        assertThat(stuck.closed.getCode()).isEqualTo(4429);
        await().until(() -> seqs(healthy).size() == 50);
    }

    @Test
    void aWatcherIsFoundTooSlowByTheBytesItHasWaitingNotByItsNumberOfMessages() {
        var stream = new SessionStream(sessionId, 100);
        stream.startAfter(0);
        var stuck = new StuckSocket();
        var healthy = new RecordingSocket();
        live(stream, stuck, 0, 3 * 100_000);
        live(stream, healthy, 0, 3 * 100_000);

        stream.publish(List.of(event(1, 100_000)), Instant.now()); // the stuck socket's sender takes it and blocks
        await().until(() -> stuck.sending);
        stream.publish(List.of(event(2, 100_000), event(3, 100_000)), Instant.now());
        assertThat(stuck.closed)
                .as("two large messages waiting fit in the buffer")
                .isNull();
        await().until(() -> seqs(healthy).size() == 3); // the healthy one has nothing waiting

        stream.publish(List.of(event(4, 100_000)), Instant.now());
        stuck.release();

        await().until(() -> stuck.closed != null);
        assertThat(stuck.closed.getCode()).isEqualTo(4429);
        await().until(() -> seqs(healthy).size() == 4);
    }

    @Test
    void manySmallMessagesWithinTheByteBoundDoNotMakeAWatcherTooSlow() {
        var stream = new SessionStream(sessionId, 100);
        stream.startAfter(0);
        var stuck = new StuckSocket();
        live(stream, stuck, 0, 100_000);

        stream.publish(List.of(event(1)), Instant.now());
        await().until(() -> stuck.sending);
        var events = new ArrayList<StoredEvent>();
        for (int i = 2; i <= 500; i++) {
            events.add(event(i)); // about 100 bytes each: 50 KB waiting
        }
        stream.publish(events, Instant.now());
        stuck.release();

        await().until(() -> seqs(stuck).size() == 500);
        assertThat(stuck.closed).isNull();
    }

    @Test
    void aMessageLargerThanTheWholeBufferIsStillSentWhenNothingElseWaits() {
        var stream = new SessionStream(sessionId, 100);
        stream.startAfter(0);
        var socket = new RecordingSocket();
        live(stream, socket, 0, 1_000);

        stream.publish(List.of(event(1, 5_000)), Instant.now());

        await().until(() -> seqs(socket).size() == 1);
        assertThat(socket.closed).isNull();
    }

    /** A client that stops reading: the first frame blocks until {@link #release}, then frames are recorded. */
    private static final class StuckSocket extends RecordingSocket {

        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        volatile boolean sending;

        @Override
        public void sendMessage(org.springframework.web.socket.WebSocketMessage<?> message) {
            sending = true;
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            super.sendMessage(message);
        }

        void release() {
            released.countDown();
        }
    }

    private WatcherConnection live(SessionStream stream, RecordingSocket socket, long lastSeq) {
        return live(stream, socket, lastSeq, 100_000);
    }

    private WatcherConnection live(SessionStream stream, RecordingSocket socket, long lastSeq, long buffer) {
        var watcher = new WatcherConnection("w", sessionId, user, Instant.now(), new Outbox(socket, buffer), lastSeq);
        watcher.pending = null;
        stream.add(watcher);
        return watcher;
    }

    private StoredEvent event(long seq) {
        return event(seq, 1);
    }

    private StoredEvent event(long seq, int messageLength) {
        var now = Instant.now();
        return new StoredEvent(
                sessionId,
                seq,
                "warning",
                now,
                "{\"seq\":" + seq + ",\"type\":\"warning\",\"createdAt\":\"" + now + "\",\"message\":\""
                        + "m".repeat(messageLength) + "\"}");
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
