package io.codinspect.supervisor.opencode;

import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Follows OpenCode's {@code GET /event} stream and hands each event to a consumer, on one thread,
 * in order. OpenCode sends a heartbeat every 10 s; a stream silent for 30 s is dropped and
 * reopened, as is one that ends. Nothing is replayed by OpenCode after a reconnect, so
 * {@code reconnected} is told each time the stream is open again, to catch up from the message API.
 */
public final class OpencodeEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpencodeEvents.class);
    private static final Duration WATCHDOG = Duration.ofSeconds(30);

    private final OpencodeClient client;
    private final Consumer<JsonNode> consumer;
    private final Runnable reconnected;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final AtomicReference<Stream<String>> current = new AtomicReference<>();
    private final AtomicLong lastLineAt = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    public OpencodeEvents(OpencodeClient client, Consumer<JsonNode> consumer, Runnable reconnected) {
        this.client = client;
        this.consumer = consumer;
        this.reconnected = reconnected;
    }

    /** Starts following; the future completes once the first connection is established. */
    public CompletableFuture<Void> start() {
        Thread.ofVirtual().name("opencode-events").start(this::follow);
        Thread.ofVirtual().name("opencode-events-watchdog").start(this::watchdog);
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        var stream = current.getAndSet(null);
        if (stream != null) {
            stream.close();
        }
    }

    private void follow() {
        while (!closed) {
            try (var lines = client.events()) {
                current.set(lines);
                lastLineAt.set(System.nanoTime());
                lines.forEach(this::line);
            } catch (Exception e) {
                if (!closed) {
                    log.info("OpenCode's event stream failed: {}", e.toString());
                }
            }
            current.set(null);
            if (!closed) {
                Backoff.sleep(Duration.ofMillis(500));
            }
        }
    }

    private void line(String line) {
        lastLineAt.set(System.nanoTime());
        if (!line.startsWith("data:")) {
            return;
        }
        JsonNode event;
        try {
            event = EventCodec.mapper().readTree(line.substring(5).strip());
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable OpenCode event: {}", e.toString());
            return;
        }
        if ("server.connected".equals(event.path("type").asString()) && !connected.complete(null)) {
            Thread.ofVirtual().name("opencode-reconcile").start(reconnected);
        }
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            log.warn("Handling OpenCode event {} failed", event.path("type").asString(), e);
        }
    }

    private void watchdog() {
        while (!closed) {
            Backoff.sleep(Duration.ofSeconds(5));
            if (System.nanoTime() - lastLineAt.get() > WATCHDOG.toNanos()) {
                var stream = current.get();
                if (stream != null) {
                    log.warn("OpenCode's event stream was silent for {} s; reopening it", WATCHDOG.toSeconds());
                    lastLineAt.set(System.nanoTime());
                    stream.close();
                }
            }
        }
    }
}
