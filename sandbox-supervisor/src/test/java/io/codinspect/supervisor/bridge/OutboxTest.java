package io.codinspect.supervisor.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void numbersEventsInOrderAndForgetsThemWhenAcknowledged() throws InterruptedException {
        var outbox = new Outbox(10, 1 << 20);
        for (var i = 0; i < 5; i++) {
            outbox.add("{\"n\":" + i + "}");
        }
        outbox.acknowledge(3);
        outbox.acknowledge(2); // an older ack arriving late changes nothing
        assertThat(outbox.unacknowledged()).extracting(Outbox.Pending::id).containsExactly(4L, 5L);
    }

    @Test
    void aFullOutboxBlocksTheProducerUntilAnAckMakesRoom() throws InterruptedException {
        var outbox = new Outbox(2, 1 << 20);
        outbox.add("a");
        outbox.add("b");
        var third = new AtomicLong();
        var producer = Thread.ofVirtual().start(() -> {
            try {
                third.set(outbox.add("c").id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> third.get() == 0);
        outbox.acknowledge(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> third.get() == 3);
        producer.join();
        assertThat(outbox.unacknowledged())
                .extracting(Outbox.Pending::eventJson)
                .containsExactly("b", "c");
    }

    @Test
    void bytesAreBoundedTooButOneEventAlwaysFitsAnEmptyOutbox() throws InterruptedException {
        var outbox = new Outbox(100, 10);
        outbox.add("x".repeat(50)); // over the byte bound on its own: accepted, the outbox was empty
        var second = new AtomicLong();
        var producer = Thread.ofVirtual().start(() -> {
            try {
                second.set(outbox.add("yy").id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> second.get() == 0);
        outbox.acknowledge(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> second.get() == 2);
        producer.join();
        assertThat(outbox.after(0)).extracting(Outbox.Pending::id).containsExactly(2L);
        assertThat(outbox.after(2)).isEmpty();
    }

    @Test
    void drainingWaitsForTheLastAck() throws InterruptedException {
        var outbox = new Outbox(5, 1 << 20);
        outbox.add("a");
        assertThat(outbox.awaitDrained(50)).isFalse();
        outbox.acknowledge(1);
        assertThat(outbox.awaitDrained(50)).isTrue();
    }
}
