package io.codinspect.controlplane.system;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Reassembles text messages that arrive in parts, up to a limit. Endpoints take partial messages
 * so that the container's per-connection buffer stays small (it is allocated for every open
 * socket) while single messages may still be large.
 */
public final class TextFrames {

    private static final Logger log = LoggerFactory.getLogger(TextFrames.class);
    private static final String KEY = TextFrames.class.getName();

    private final int maxChars;

    public TextFrames(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Adds a part; returns the whole message once its last part arrived, else {@code null}. A
     * message that grows past the limit closes the socket with 1009 (too big) and gives
     * {@code null} too.
     */
    public String append(WebSocketSession socket, TextMessage part) {
        var pending = (StringBuilder) socket.getAttributes().get(KEY);
        int length = (pending == null ? 0 : pending.length()) + part.getPayloadLength();
        if (length > maxChars) {
            socket.getAttributes().remove(KEY);
            close(socket);
            return null;
        }
        if (part.isLast() && pending == null) {
            return part.getPayload();
        }
        if (pending == null) {
            pending = new StringBuilder();
            socket.getAttributes().put(KEY, pending);
        }
        pending.append(part.getPayload());
        if (!part.isLast()) {
            return null;
        }
        socket.getAttributes().remove(KEY);
        return pending.toString();
    }

    private void close(WebSocketSession socket) {
        try {
            socket.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("message longer than " + maxChars + " characters"));
        } catch (IOException e) {
            log.debug("Closing socket={} failed", socket.getId(), e);
        }
    }
}
