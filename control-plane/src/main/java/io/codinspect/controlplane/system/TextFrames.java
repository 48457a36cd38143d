package io.codinspect.controlplane.system;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Reassembles text messages that arrive in parts, up to a limit. Endpoints take partial messages
 * so that the container's per-connection buffer stays small (it is allocated for every open
 * socket) while single messages may still be large.
 */
public final class TextFrames {

    private static final String KEY = TextFrames.class.getName();

    private final int maxChars;

    public TextFrames(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Adds a part; returns the whole message once its last part arrived, else {@code null}.
     *
     * @throws TooLarge when the message grows past the limit
     */
    public String append(WebSocketSession socket, TextMessage part) {
        var pending = (StringBuilder) socket.getAttributes().get(KEY);
        if (part.isLast() && pending == null) {
            check(part.getPayloadLength());
            return part.getPayload();
        }
        if (pending == null) {
            pending = new StringBuilder();
            socket.getAttributes().put(KEY, pending);
        }
        check(pending.length() + part.getPayloadLength());
        pending.append(part.getPayload());
        if (!part.isLast()) {
            return null;
        }
        socket.getAttributes().remove(KEY);
        return pending.toString();
    }

    private void check(int length) {
        if (length > maxChars) {
            throw new TooLarge(maxChars);
        }
    }

    /** A message longer than the endpoint accepts. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(int max) {
            super("message longer than " + max + " characters");
        }
    }
}
