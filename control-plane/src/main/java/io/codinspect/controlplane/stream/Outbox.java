package io.codinspect.controlplane.stream;

import io.codinspect.model.stream.CloseCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The bounded send queue of one watcher, drained by its own virtual thread so that a slow client
 * never slows the publisher. Several queued messages go out as one {@code batch} frame. When the
 * queue is full the watcher is disconnected with {@link CloseCodes#TOO_SLOW_RESUME}.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_BATCH = 256;

    private final WebSocketSession socket;
    private final BlockingQueue<String> queue;
    private final Thread sender;
    private volatile boolean closed;

    Outbox(WebSocketSession socket, int capacity) {
        this.socket = socket;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = Thread.ofVirtual().name("ws-out-" + socket.getId()).start(this::run);
    }

    /** Queues a message without waiting; a full queue disconnects the watcher. */
    boolean offer(String message) {
        if (closed) {
            return false;
        }
        if (queue.offer(message)) {
            return true;
        }
        close(new CloseStatus(CloseCodes.TOO_SLOW_RESUME, "too slow: reconnect and resume from your last seq"));
        return false;
    }

    /** Queues a message, waiting for room: used by the watcher's own replay. */
    void put(String message) throws InterruptedException {
        if (!closed) {
            queue.put(message);
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close(CloseStatus status) {
        if (closed) {
            return;
        }
        closed = true;
        sender.interrupt();
        Thread.ofVirtual().start(() -> {
            try {
                socket.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing socket={} failed", socket.getId(), e);
            }
        });
    }

    private void run() {
        var batch = new ArrayList<String>(MAX_BATCH);
        try {
            while (!closed) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                socket.sendMessage(new TextMessage(frame(batch)));
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("Sending to socket={} failed", socket.getId(), e);
            close(CloseStatus.SERVER_ERROR);
        }
    }

    private static String frame(java.util.List<String> messages) {
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
