package io.codinspect.supervisor.bridge;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.EventCodec;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one bridge connection's frames and hands each control message to the bridge. */
final class BridgeConnection implements WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(BridgeConnection.class);

    private final Bridge bridge;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder frame = new StringBuilder();
    private volatile boolean welcomed;

    BridgeConnection(Bridge bridge) {
        this.bridge = bridge;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    boolean wasWelcomed() {
        return welcomed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
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

    private void handle(ControlMessage message) {
        switch (message) {
            case ControlMessage.Welcome welcome -> {
                welcomed = true;
                Thread.ofVirtual().name("bridge-welcome").start(() -> bridge.welcome(welcome));
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
