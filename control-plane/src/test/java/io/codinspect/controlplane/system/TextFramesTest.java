package io.codinspect.controlplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** Reassembly of partial text messages within their limits, without a server. */
class TextFramesTest {

    @Test
    void reassemblesAMessageSentInParts() {
        var frames = new TextFrames(10);
        var socket = new Socket();

        assertThat(frames.append(socket.session, part("abc", false))).isNull();
        assertThat(frames.append(socket.session, part("def", true))).isEqualTo("abcdef");
        assertThat(frames.append(socket.session, part("g", true))).isEqualTo("g");
        assertThat(socket.closed.get()).isNull();
    }

    @Test
    void closesWith1009AMessagePastTheLimitWithoutABudget() {
        var frames = new TextFrames(5);
        var socket = new Socket();

        assertThat(frames.append(socket.session, part("abc", false))).isNull();
        assertThat(frames.append(socket.session, part("def", false))).isNull();
        assertThat(frames.append(socket.session, part("last part of the refused message", true)))
                .as("the rest of a refused message is not taken for a new one")
                .isNull();

        assertThat(socket.closed.get().getCode()).isEqualTo(1009);
        assertThat(socket.closed.get().getReason()).contains("5 characters");
    }

    @Test
    void aLargerMessageBorrowsFromTheSharedBudgetAndGivesItBackWhenComplete() {
        var budget = new TextFrames.SharedBudget(20);
        var frames = new TextFrames(5, budget);
        var socket = new Socket();

        frames.append(socket.session, part("0123456789", false));
        assertThat(budget.used()).isEqualTo(5);
        var whole = frames.append(socket.session, part("abcde", true));

        assertThat(whole).isEqualTo("0123456789abcde");
        assertThat(budget.used()).isZero();
        assertThat(socket.closed.get()).isNull();
    }

    @Test
    void aMessageThatDoesNotFitBesideOthersBeingReadIsToldToTryAgainLater() {
        var budget = new TextFrames.SharedBudget(20);
        var frames = new TextFrames(5, budget);
        var first = new Socket();
        var second = new Socket();
        frames.append(first.session, part("x".repeat(20), false)); // borrows 15

        frames.append(second.session, part("y".repeat(15), false)); // would borrow 10

        assertThat(second.closed.get().getCode()).isEqualTo(1013);
        assertThat(budget.used()).isEqualTo(15);
        assertThat(first.closed.get()).isNull();
    }

    @Test
    void aMessageLargerThanTheWholeBudgetIsTooBig() {
        var budget = new TextFrames.SharedBudget(20);
        var frames = new TextFrames(5, budget);
        var socket = new Socket();

        frames.append(socket.session, part("z".repeat(26), false));

        assertThat(socket.closed.get().getCode()).isEqualTo(1009);
        assertThat(budget.used()).isZero();
    }

    @Test
    void aSocketClosingInTheMiddleOfALargeMessageGivesBackWhatItBorrowed() {
        var budget = new TextFrames.SharedBudget(20);
        var frames = new TextFrames(5, budget);
        var socket = new Socket();
        frames.append(socket.session, part("w".repeat(18), false));
        assertThat(budget.used()).isEqualTo(13);

        frames.discard(socket.session);

        assertThat(budget.used()).isZero();
        assertThat(frames.append(socket.session, part("late", true))).isNull();
        assertThat(budget.used()).isZero();
    }

    private static TextMessage part(String text, boolean last) {
        return new TextMessage(text, last);
    }

    /** Just enough of a WebSocket session: attributes, and how it was closed. */
    private static final class Socket {

        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        final AtomicReference<CloseStatus> closed = new AtomicReference<>();
        final WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(
                WebSocketSession.class.getClassLoader(), new Class<?>[] {WebSocketSession.class}, (p, m, args) -> {
                    return switch (m.getName()) {
                        case "getAttributes" -> attributes;
                        case "getId" -> "socket";
                        case "close" -> {
                            closed.set(args == null ? CloseStatus.NORMAL : (CloseStatus) args[0]);
                            yield null;
                        }
                        case "isOpen" -> closed.get() == null;
                        default -> throw new UnsupportedOperationException(m.getName());
                    };
                });
    }
}
