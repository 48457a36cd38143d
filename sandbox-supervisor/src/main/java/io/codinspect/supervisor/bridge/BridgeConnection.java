package io.codinspect.supervisor.bridge;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.EventCodec;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge connection: reads the control plane's frames and hands each control message to the
 * bridge, and writes frames from a queue on its own thread, so that nobody who queues a frame
 * ever waits for the network. A send that does not complete within the send timeout, or a socket
 * that has been silent for the read timeout, aborts the connection; {@link #closed()} then always
 * completes (the JDK does not tell the listener about an abort), so the bridge reconnects.
 */
final class BridgeConnection implements WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(BridgeConnection.class);
    /** Frames that may be dropped (deltas, heartbeats) are queued only while fewer than this wait. */
    private static final int DROPPABLE_ROOM = 256;

    private final Bridge bridge;
    private final Duration sendTimeout;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder frame = new StringBuilder();
    private final LinkedBlockingDeque<String> frames = new LinkedBlockingDeque<>();
    private volatile WebSocket socket;
    /** A heartbeat to send ahead of whatever is queued (a backlog of resent events must not starve it). */
    private final java.util.concurrent.atomic.AtomicReference<String> beat =
            new java.util.concurrent.atomic.AtomicReference<>();

    private volatile boolean welcomed;
    private volatile long lastReceivedNanos = System.nanoTime();
    /** When the frame being sent now was handed to the socket; 0 while idle. */
    private volatile long sendingSinceNanos;
    // guarded by the bridge's link lock
    boolean ready;
    long lastQueued;

    BridgeConnection(Bridge bridge, Duration sendTimeout) {
        this.bridge = bridge;
        this.sendTimeout = sendTimeout;
    }

    /** Starts writing on {@code socket}; the first frame queued is sent first. */
    void attach(WebSocket socket) {
        this.socket = socket;
        lastReceivedNanos = System.nanoTime();
        Thread.ofVirtual().name("bridge-writer").start(this::write);
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    boolean wasWelcomed() {
        return welcomed;
    }

    /** Queues a frame that must go out in order (hello, events); never blocks. */
    void queue(String text) {
        if (!closed.isDone()) {
            frames.addLast(text);
        }
    }

    /** Queues a frame that may be lost (deltas, heartbeats); dropped while the connection is backed up. */
    void offer(String text) {
        if (!closed.isDone() && frames.size() < DROPPABLE_ROOM) {
            frames.addLast(text);
        }
    }

    /** Sends a heartbeat next, ahead of the queue; one waiting heartbeat at most. */
    void heartbeat(String text) {
        if (!closed.isDone()) {
            beat.set(text);
        }
    }

    /** Aborts the connection if a send has been stuck or nothing has arrived for {@code readTimeout}. */
    void check(Duration readTimeout) {
        var now = System.nanoTime();
        var sending = sendingSinceNanos;
        if (sending != 0
                && now - sending > sendTimeout.toNanos() + Duration.ofSeconds(1).toNanos()) {
            abort("a send has not completed for " + sendTimeout.toSeconds() + " s");
        } else if (now - lastReceivedNanos > readTimeout.toNanos()) {
            abort("nothing arrived from the control plane for " + readTimeout.toSeconds() + " s");
        }
    }

    /** Drops the connection now; the bridge reconnects. */
    void abort(String why) {
        if (closed.isDone()) {
            return;
        }
        log.info("Bridge connection aborted: {}; reconnecting", why);
        var ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(null);
    }

    private void write() {
        var ws = socket;
        try {
            while (!closed.isDone()) {
                var heartbeat = beat.getAndSet(null);
                var text = heartbeat != null ? heartbeat : frames.poll(200, TimeUnit.MILLISECONDS);
                if (text == null) {
                    continue;
                }
                sendingSinceNanos = System.nanoTime();
                ws.sendText(text, true).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                sendingSinceNanos = 0;
            }
        } catch (TimeoutException e) {
            abort("a send did not complete within " + sendTimeout.toSeconds() + " s");
        } catch (ExecutionException | RuntimeException e) {
            abort("a send failed (" + (e.getCause() == null ? e : e.getCause()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastReceivedNanos = System.nanoTime();
        frame.append(data);
        if (last) {
            var text = frame.toString();
            frame.setLength(0);
            try {
                handle(EventCodec.mapper().readValue(text, ControlMessage.class));
            } catch (RuntimeException e) {
                log.warn("Ignoring an unreadable control message: {}", e.toString());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        lastReceivedNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    private void handle(ControlMessage message) {
        switch (message) {
            case ControlMessage.Welcome welcome -> {
                welcomed = true;
                bridge.welcome(this, welcome);
            }
            case ControlMessage.Ack ack -> bridge.acknowledged(ack.upTo());
            case ControlMessage.RunPrompt prompt -> bridge.handler().prompt(prompt);
            case ControlMessage.Stop stop -> bridge.handler().stop(stop);
            case ControlMessage.Shutdown shutdown -> bridge.handler().shutdown(shutdown.reason());
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        log.info("Bridge closed by the control plane: {} {}", statusCode, reason);
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        log.info("Bridge connection error: {}", error.toString());
        closed.complete(null);
    }
}
