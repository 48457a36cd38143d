package io.codinspect.bench;

import io.codinspect.testkit.TextSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A watcher that counts events and records sandbox-to-watcher latency from the {@code t=} stamp
 * each benchmark event carries (one JVM, so {@code System.nanoTime()} is comparable).
 */
final class BenchWatcher {

    private static final String STAMP = "\"text\":\"t=";

    private final TextSocket socket;
    private final Histogram latencies;
    private final AtomicLong events = new AtomicLong();

    BenchWatcher(URI uri, String wsToken, Histogram latencies) {
        this.latencies = latencies;
        this.socket = BenchClients.open(uri, Map.of(), this::receive);
        socket.send("{\"type\":\"hello\",\"token\":\"" + wsToken + "\",\"lastSeq\":0}");
    }

    long events() {
        return events.get();
    }

    private void receive(String message) {
        long now = System.nanoTime();
        int at = 0;
        while ((at = message.indexOf(STAMP, at)) >= 0) {
            at += STAMP.length();
            int end = message.indexOf(';', at);
            latencies.record(now - Long.parseLong(message, at, end, 10));
            events.incrementAndGet();
        }
    }

    void close() {
        socket.abort();
    }
}
