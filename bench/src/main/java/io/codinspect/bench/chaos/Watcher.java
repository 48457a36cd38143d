package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.WatcherClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * One person watching a session live, as the web UI does: when the socket drops it reconnects and
 * resumes from the last seq it has without a gap. Everything it was shown is kept by seq, so that
 * the final timeline can be compared with it (an event shown live and missing later was lost; the
 * same seq shown twice with different content was changed).
 */
final class Watcher implements AutoCloseable {

    private final ApiClient client;
    private final URI wsUri;
    private final UUID sessionId;
    private final ConcurrentSkipListMap<Long, JsonNode> seen = new ConcurrentSkipListMap<>();
    private final AtomicInteger changed = new AtomicInteger();
    private volatile WatcherClient socket;
    private volatile boolean closed;

    Watcher(ApiClient client, URI base, UUID sessionId) {
        this.client = client;
        this.wsUri = URI.create(base.toString().replaceFirst("^http", "ws") + "api/sessions/" + sessionId + "/ws");
        this.sessionId = sessionId;
        Thread.ofVirtual().name("watcher-" + sessionId).start(this::follow);
    }

    /** Drops the connection as a network failure would; it reconnects by itself. */
    void drop() {
        var current = socket;
        if (current != null) {
            current.abort();
        }
    }

    ConcurrentSkipListMap<Long, JsonNode> seen() {
        return seen;
    }

    int changed() {
        return changed.get();
    }

    private void follow() {
        while (!closed) {
            try {
                var token = Api.call(() -> client.post("/api/sessions/" + sessionId + "/ws-token", null))
                        .text("token");
                var current = WatcherClient.connect(wsUri, token, contiguous());
                socket = current;
                var taken = 0;
                while (!closed && current.closeCode() == null) {
                    var events = current.events();
                    for (; taken < events.size(); taken++) {
                        record(events.get(taken));
                    }
                    Api.pause(Duration.ofMillis(100));
                }
                current.events().stream().skip(taken).forEach(this::record);
                current.close();
            } catch (RuntimeException e) {
                Api.pause(Duration.ofSeconds(1)); // the control plane is restarting
            }
        }
    }

    private void record(JsonNode event) {
        var seq = event.path("seq").asLong();
        var previous = seen.putIfAbsent(seq, event);
        if (previous != null && !previous.equals(event)) {
            changed.incrementAndGet();
        }
    }

    /** The highest seq up to which nothing is missing. */
    long contiguous() {
        long last = 0;
        for (var seq : seen.keySet()) {
            if (seq != last + 1) {
                break;
            }
            last = seq;
        }
        return last;
    }

    @Override
    public void close() {
        closed = true;
        var current = socket;
        if (current != null) {
            current.close();
        }
    }
}
