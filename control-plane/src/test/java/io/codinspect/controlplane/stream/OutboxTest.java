package io.codinspect.controlplane.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.stream.CloseCodes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;

class OutboxTest {

    private static final CloseStatus DISABLED = new CloseStatus(CloseCodes.USER_DISABLED, "your account was disabled");

    @Test
    void aCloseDuringASendLetsTheFrameFinishThenClosesTheSocketWithItsStatus() throws InterruptedException {
        var socket = new SlowSocket();
        var outbox = new Outbox(socket, 100_000);
        outbox.offer("{\"seq\":1}");
        assertThat(socket.sending.await(5, TimeUnit.SECONDS)).isTrue();

        outbox.close(DISABLED);
        assertThat(socket.closed).as("not closed under the frame in flight").isNull();
        socket.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> socket.closed != null);
        assertThat(socket.interrupted).as("the send was cut short").isFalse();
        assertThat(socket.frames).containsExactly("{\"seq\":1}");
        assertThat(socket.closed).isEqualTo(DISABLED);
    }

    @Test
    void aCloseWhileIdleClosesTheSocketAndDropsWhatComesAfter() {
        var socket = new RecordingSocket();
        var outbox = new Outbox(socket, 100_000);

        outbox.close(DISABLED);

        await().atMost(Duration.ofSeconds(5)).until(() -> socket.closed != null);
        assertThat(socket.closed).isEqualTo(DISABLED);
        assertThat(outbox.offer("{\"seq\":2}")).isFalse();
        assertThat(socket.frames).isEmpty();
    }

    /** Holds each send until released, noting whether its thread was interrupted meanwhile. */
    private static final class SlowSocket extends RecordingSocket {
        final CountDownLatch sending = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            sending.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted = true; // a real channel would now be closed without a close frame
                return;
            }
            super.sendMessage(message);
        }
    }
}
