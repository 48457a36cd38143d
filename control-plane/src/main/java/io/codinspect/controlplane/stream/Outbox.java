package io.codinspect.controlplane.stream;

import io.codinspect.model.stream.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The bounded send queue of one watcher, drained by its own virtual thread so that a slow client
 * never slows the publisher. Several queued messages go out as one {@code batch} frame.
 *
 * <p>When the queue is full, everything still queued is dropped and the watcher is closed with
 * {@link CloseCodes#TOO_SLOW_RESUME} right after the frame being sent now, so a client that is
 * merely slow still learns to resume from its last seq. A client that stops reading altogether is
 * cut off by the send timeout.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_BATCH = 256;
    private static final long SEND_TIMEOUT_MS = 15_000;
    private static final String TOO_SLOW = "\u0000too-slow";

    private final WebSocketSession socket;
    private final BlockingQueue<String> queue;
    private final Thread sender;
    private volatile boolean closed;

    Outbox(WebSocketSession socket, int capacity) {
        this.socket = socket;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        if (socket instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session session) {
            session.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", SEND_TIMEOUT_MS);
        }
        this.sender = Thread.ofVirtual().name("ws-out-" + socket.getId()).start(this::run);
    }

    /** Queues a message without waiting; a full queue ends the watcher's connection. */
    synchronized boolean offer(String message) {
        if (closed) {
            return false;
        }
        if (queue.remainingCapacity() > 1 && queue.offer(message)) {
            return true;
        }
        closed = true;
        queue.clear();
        queue.offer(TOO_SLOW);
        notifyAll();
        log.info("Watcher socket={} fell too far behind; closing with {}", socket.getId(), CloseCodes.TOO_SLOW_RESUME);
        return false;
    }

    /** Queues a message, waiting for room: used by the watcher's own replay. */
    synchronized void put(String message) throws InterruptedException {
        while (!closed) {
            if (queue.remainingCapacity() > 1) {
                queue.add(message);
                return;
            }
            wait(); // woken by the sender when it takes messages, or by close
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops sending at once, e.g. because the socket is already closed. */
    void close(CloseStatus status) {
        synchronized (this) {
            closed = true;
            queue.clear();
            notifyAll();
        }
        sender.interrupt();
        closeSocket(status);
    }

    private void run() {
        var batch = new ArrayList<String>(MAX_BATCH);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                synchronized (this) {
                    notifyAll();
                }
                var tooSlow = batch.remove(TOO_SLOW);
                if (!batch.isEmpty()) {
                    socket.sendMessage(new TextMessage(frame(batch)));
                }
                batch.clear();
                if (tooSlow) {
                    closeSocket(new CloseStatus(
                            CloseCodes.TOO_SLOW_RESUME, "too slow: reconnect and resume from your last seq"));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("Sending to socket={} failed", socket.getId(), e);
            closeSocket(CloseStatus.SERVER_ERROR);
        }
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
