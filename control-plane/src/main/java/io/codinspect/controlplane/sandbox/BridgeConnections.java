package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.event.IngestAcknowledger;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.stream.CloseCodes;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** The open bridge connection of each sandbox; sends commands and acknowledgements to it. */
@Component
public class BridgeConnections implements IngestAcknowledger {

    private static final Logger log = LoggerFactory.getLogger(BridgeConnections.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;

    private final Map<UUID, WebSocketSession> open = new ConcurrentHashMap<>();

    void register(UUID sandboxId, WebSocketSession socket) {
        var safe = new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, SEND_BUFFER_BYTES);
        var previous = open.put(sandboxId, safe);
        if (previous != null && previous.isOpen()) {
            closeQuietly(previous, new CloseStatus(CloseCodes.REPLACED, "replaced by a newer connection"));
        }
    }

    void unregister(UUID sandboxId, WebSocketSession socket) {
        open.computeIfPresent(sandboxId, (id, current) -> current.getId().equals(socket.getId()) ? null : current);
    }

    /** Whether the sandbox has an open bridge connection now. */
    boolean isOpen(UUID sandboxId) {
        var socket = open.get(sandboxId);
        return socket != null && socket.isOpen();
    }

    /** Sends a command; false if the sandbox has no open connection right now. */
    public boolean send(UUID sandboxId, ControlMessage message) {
        var socket = open.get(sandboxId);
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        try {
            socket.sendMessage(new TextMessage(EventCodec.mapper().writeValueAsString(message)));
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Sending {} to sandbox={} failed", message.getClass().getSimpleName(), sandboxId, e);
            return false;
        }
    }

    /**
     * Acknowledges off the ingest thread: a sandbox that is slow to read must not hold up storing
     * everyone else's events. Acks are cumulative, so one overtaking another is harmless.
     */
    @Override
    public void stored(UUID sandboxId, long upToEventId) {
        Thread.startVirtualThread(() -> send(sandboxId, new ControlMessage.Ack(upToEventId)));
    }

    /** Tells every connected sandbox that it is ending and why, keeping the connections open for its last reports. */
    void announceShutdown(String reason) {
        open.keySet().forEach(id -> send(id, new ControlMessage.Shutdown(reason)));
    }

    /** Closes the sandbox's connection so that it reconnects (and says hello again). */
    public void drop(UUID sandboxId, String reason) {
        var socket = open.get(sandboxId);
        if (socket != null) {
            closeQuietly(socket, new CloseStatus(CloseCodes.GOING_AWAY_RESUME, reason));
        }
    }

    void shutdown(UUID sandboxId, String reason) {
        send(sandboxId, new ControlMessage.Shutdown(reason));
        var socket = open.remove(sandboxId);
        if (socket != null) {
            closeQuietly(socket, new CloseStatus(CloseCodes.GONE, "sandbox ended"));
        }
    }

    private static void closeQuietly(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing bridge socket failed", e);
        }
    }
}
