package io.codinspect.controlplane.system;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Reassembles text messages that arrive in parts, up to a limit. Endpoints take partial messages
 * so that the container's per-connection buffer stays small (it is allocated for every open
 * socket) while single messages may still be large.
 *
 * <p>A message past the limit closes the socket with 1009 (too big). With a {@link SharedBudget},
 * it may instead grow on characters borrowed from a budget that all sockets of the endpoint share,
 * so that a rare large message is read while the memory all of them may hold stays bounded: one
 * larger than the whole budget closes its socket with 1009, one that does not fit beside the large
 * messages being read now with 1013 (try again later). Borrowed characters are returned when the
 * message is complete, when it is refused, and in {@link #discard} when its socket closes.
 */
public final class TextFrames {

    private static final Logger log = LoggerFactory.getLogger(TextFrames.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int maxChars;
    private final SharedBudget budget;
    private final String key = TextFrames.class.getName() + "." + INSTANCES.incrementAndGet();

    public TextFrames(int maxChars) {
        this(maxChars, null);
    }

    /** Messages up to {@code maxChars}, and larger ones on characters borrowed from {@code budget}. */
    public TextFrames(int maxChars, SharedBudget budget) {
        this.maxChars = maxChars;
        this.budget = budget;
    }

    /**
     * Adds a part; returns the whole message once its last part arrived, else {@code null}. A
     * message that cannot grow closes the socket as described above and gives {@code null} too.
     */
    public String append(WebSocketSession socket, TextMessage part) {
        var pending = (Pending) socket.getAttributes().computeIfAbsent(key, k -> new Pending());
        CloseStatus refusal;
        String whole;
        synchronized (pending) {
            if (pending.discarded) {
                return null;
            }
            int length = pending.text.length() + part.getPayloadLength();
            refusal = length > maxChars ? borrow(pending, length) : null;
            if (refusal == null) {
                if (part.isLast() && pending.text.isEmpty()) {
                    giveBack(pending);
                    return part.getPayload();
                }
                pending.text.append(part.getPayload());
                if (!part.isLast()) {
                    return null;
                }
            }
            whole = refusal == null ? pending.text.toString() : null;
            pending.text = new StringBuilder();
            pending.discarded = refusal != null; // the rest of a refused message is not a new one
            giveBack(pending);
        }
        if (refusal != null) {
            close(socket, refusal);
        }
        return whole;
    }

    /** Forgets a socket's unfinished message and returns what it borrowed; call when the socket closes. */
    public void discard(WebSocketSession socket) {
        var pending = (Pending) socket.getAttributes().computeIfAbsent(key, k -> new Pending());
        synchronized (pending) {
            pending.discarded = true;
            pending.text = new StringBuilder();
            giveBack(pending);
        }
    }

    private CloseStatus borrow(Pending pending, int length) {
        if (budget == null || length > maxChars + (long) budget.capacity()) {
            int most = budget == null ? maxChars : maxChars + budget.capacity();
            return CloseStatus.TOO_BIG_TO_PROCESS.withReason("message longer than " + most + " characters");
        }
        int more = length - maxChars - pending.borrowed;
        if (more > 0 && !budget.take(more)) {
            return CloseStatus.SERVICE_OVERLOAD.withReason("too many large messages are being read; try again later");
        }
        pending.borrowed += Math.max(0, more);
        return null;
    }

    private void giveBack(Pending pending) {
        if (pending.borrowed > 0) {
            budget.give(pending.borrowed);
            pending.borrowed = 0;
        }
    }

    private static void close(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException e) {
            log.debug("Closing socket={} failed", socket.getId(), e);
        }
    }

    /** One socket's unfinished message; guarded by its own lock. */
    private static final class Pending {
        StringBuilder text = new StringBuilder();
        int borrowed;
        boolean discarded;
    }

    /** Characters that the sockets of one endpoint may borrow for messages over their limit. */
    public static final class SharedBudget {

        private final int capacity;
        private int used;

        public SharedBudget(int capacity) {
            this.capacity = capacity;
        }

        public int capacity() {
            return capacity;
        }

        /** Characters borrowed at the moment. */
        public synchronized int used() {
            return used;
        }

        synchronized boolean take(int chars) {
            if (used + (long) chars > capacity) {
                return false;
            }
            used += chars;
            return true;
        }

        synchronized void give(int chars) {
            used -= chars;
        }
    }
}
