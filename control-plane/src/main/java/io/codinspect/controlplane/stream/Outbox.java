package io.codinspect.controlplane.stream;

import io.codinspect.model.event.EventLimits;
import io.codinspect.model.stream.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The send queue of one watcher, bounded in bytes and drained by its own virtual thread so that a
 * slow client never slows the publisher. Several queued messages go out as one {@code batch} frame
 * of at most {@link #MAX_BATCH_BYTES} (or one larger message).
 *
 * <p>When a message would take the queue past its capacity, everything still queued is dropped
 * and the watcher is closed with {@link CloseCodes#TOO_SLOW_RESUME} right after the frame being
 * sent now, so a client that is merely slow still learns to resume from its last seq. A message
 * larger than the whole capacity is still queued when nothing else waits. A client that stops
 * reading altogether is cut off by the send timeout. So one watcher holds at most its capacity
 * plus the frame in flight.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_BATCH = 256;
    private static final long MAX_BATCH_BYTES = 1024 * 1024;
    private static final long SEND_TIMEOUT_MS = 15_000;

    private final WebSocketSession socket;
    private final long capacity;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Thread sender;
    private long queuedBytes;
    private boolean tooSlow;
    private volatile boolean closed;
    /** How {@link #close} asked the sender to close the socket, once it is done with the frame in flight. */
    private CloseStatus closing;

    private record Queued(String text, long bytes) {}

    /** A watcher's queue of at most {@code capacityBytes} bytes of messages. */
    Outbox(WebSocketSession socket, long capacityBytes) {
        this.socket = socket;
        this.capacity = capacityBytes;
        if (socket instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session session) {
            session.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", SEND_TIMEOUT_MS);
        }
        this.sender = Thread.ofVirtual().name("ws-out-" + socket.getId()).start(this::run);
    }

    /** UTF-8 bytes of a message, as its queue counts them. */
    static long bytes(String message) {
        return EventLimits.utf8Length(message);
    }

    /** Queues a message without waiting; a full queue ends the watcher's connection. */
    boolean offer(String message) {
        return offer(message, bytes(message));
    }

    /** Queues a message whose size the caller measured once for every watcher. */
    synchronized boolean offer(String message, long bytes) {
        if (closed) {
            return false;
        }
        if (fits(bytes)) {
            add(message, bytes);
            return true;
        }
        closed = true;
        tooSlow = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
        log.info(
                "Watcher socket={} fell more than {} bytes behind; closing with {}",
                socket.getId(),
                capacity,
                CloseCodes.TOO_SLOW_RESUME);
        return false;
    }

    /** Queues a message, waiting for room: used by the watcher's own replay. */
    synchronized void put(String message) throws InterruptedException {
        long bytes = bytes(message);
        while (!closed) {
            if (fits(bytes)) {
                add(message, bytes);
                return;
            }
            wait(); // woken by the sender when it takes messages, or by close
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Drops what is queued and closes the socket with {@code status} once the frame in flight (if
     * any) is sent: the sender closes it, so a send is never cut mid-frame (interrupting it would
     * close the connection without a close frame).
     */
    void close(CloseStatus status) {
        synchronized (this) {
            if (closing == null) {
                closing = status;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
            notifyAll();
        }
        if (!sender.isAlive()) {
            closeSocket(status); // the sender ended already (a failed send); closing twice is harmless
        }
    }

    private boolean fits(long bytes) {
        return queue.isEmpty() || queuedBytes + bytes <= capacity;
    }

    private void add(String message, long bytes) {
        queue.add(new Queued(message, bytes));
        queuedBytes += bytes;
        notifyAll();
    }

    /**
     * The next messages to send, waiting for some; empty once the watcher was found too slow, null
     * once it was closed.
     */
    private synchronized List<String> take() throws InterruptedException {
        while (queue.isEmpty() && !tooSlow && closing == null) {
            wait();
        }
        if (closing != null) {
            return null;
        }
        var batch = new ArrayList<String>();
        long bytes = 0;
        while (!queue.isEmpty()
                && batch.size() < MAX_BATCH
                && (batch.isEmpty() || bytes + queue.peek().bytes() <= MAX_BATCH_BYTES)) {
            var next = queue.poll();
            batch.add(next.text());
            bytes += next.bytes();
        }
        queuedBytes -= bytes;
        notifyAll(); // room for a waiting replay
        return batch;
    }

    private void run() {
        try {
            while (true) {
                var batch = take();
                if (batch == null) {
                    closeSocket(closingStatus());
                    return;
                }
                if (batch.isEmpty()) {
                    closeSocket(new CloseStatus(
                            CloseCodes.TOO_SLOW_RESUME, "too slow: reconnect and resume from your last seq"));
                    return;
                }
                socket.sendMessage(new TextMessage(frame(batch)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("Sending to socket={} failed", socket.getId(), e);
            closeSocket(CloseStatus.SERVER_ERROR);
        }
    }

    private synchronized CloseStatus closingStatus() {
        return closing;
    }

    private void closeSocket(CloseStatus status) {
        try {
            if (socket.isOpen()) {
                socket.close(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Closing socket={} failed", socket.getId(), e);
        }
    }

    private static String frame(List<String> messages) {
        if (messages.size() == 1) {
            return messages.getFirst();
        }
        var size = messages.stream().mapToInt(String::length).sum() + messages.size() + 32;
        var out = new StringBuilder(size).append("{\"type\":\"batch\",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(messages.get(i));
        }
        return out.append("]}").toString();
    }
}
