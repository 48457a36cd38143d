package io.codinspect.supervisor.bridge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Events not yet acknowledged by the control plane, numbered 1, 2, 3… for the sandbox's life.
 * Bounded by count and by bytes: when {@code limit} events or {@code maxBytes} of them wait for
 * acknowledgement, {@link #add} blocks, which pauses whoever produces events (the agent's event
 * reader) until acks arrive. One event is always accepted into an empty outbox, whatever its size.
 * Nothing is dropped.
 */
final class Outbox {

    record Pending(long id, String eventJson) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int limit;
    private final long maxBytes;
    private long bytes;
    private long lastId;

    Outbox(int limit, long maxBytes) {
        this.limit = limit;
        this.maxBytes = maxBytes;
    }

    synchronized Pending add(String eventJson) throws InterruptedException {
        var size = sizeOf(eventJson);
        while (!pending.isEmpty() && (pending.size() >= limit || bytes + size > maxBytes)) {
            wait();
        }
        var entry = new Pending(++lastId, eventJson);
        pending.addLast(entry);
        bytes += size;
        return entry;
    }

    /** Forgets every event up to {@code upTo}; acks may arrive out of order. */
    synchronized void acknowledge(long upTo) {
        while (!pending.isEmpty() && pending.peekFirst().id() <= upTo) {
            bytes -= sizeOf(pending.removeFirst().eventJson());
        }
        notifyAll();
    }

    synchronized List<Pending> unacknowledged() {
        return List.copyOf(pending);
    }

    /** The unacknowledged events after {@code id}, in order. */
    synchronized List<Pending> after(long id) {
        if (pending.isEmpty() || pending.peekLast().id() <= id) {
            return List.of();
        }
        var out = new ArrayList<Pending>();
        for (var entry : pending) {
            if (entry.id() > id) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Waits until everything is acknowledged, or the time is up. Returns whether it drained. */
    synchronized boolean awaitDrained(long millis) throws InterruptedException {
        var deadline = System.currentTimeMillis() + millis;
        while (!pending.isEmpty()) {
            var left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private static long sizeOf(String json) {
        // an upper bound of the UTF-8 size without encoding: at most 3 bytes per UTF-16 unit
        return json.length() < 1024 ? json.getBytes(StandardCharsets.UTF_8).length : 3L * json.length();
    }
}
