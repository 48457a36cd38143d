package io.codinspect.supervisor.bridge;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Events not yet acknowledged by the control plane, numbered 1, 2, 3… for the sandbox's life.
 * Bounded: when {@code limit} events wait for acknowledgement, {@link #add} blocks, which pauses
 * whoever produces events (the agent's event reader) until acks arrive. Nothing is dropped.
 */
final class Outbox {

    record Pending(long id, String eventJson) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int limit;
    private long lastId;

    Outbox(int limit) {
        this.limit = limit;
    }

    synchronized Pending add(String eventJson) throws InterruptedException {
        while (pending.size() >= limit) {
            wait();
        }
        var entry = new Pending(++lastId, eventJson);
        pending.addLast(entry);
        return entry;
    }

    /** Forgets every event up to {@code upTo}; acks may arrive out of order. */
    synchronized void acknowledge(long upTo) {
        while (!pending.isEmpty() && pending.peekFirst().id() <= upTo) {
            pending.removeFirst();
        }
        notifyAll();
    }

    synchronized List<Pending> unacknowledged() {
        return List.copyOf(pending);
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
}
