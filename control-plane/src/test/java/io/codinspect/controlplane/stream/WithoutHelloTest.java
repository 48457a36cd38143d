package io.codinspect.controlplane.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The counts of sockets that have not said hello, without a server. */
class WithoutHelloTest {

    private final InetAddress one = InetAddress.getLoopbackAddress();
    private final InetAddress two = address("127.0.0.2");

    @Test
    void refusesOneMoreFromAnAddressAtItsLimitButNotFromAnother() {
        var waiting = new WithoutHello(10, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(waiting.enter(one)).isNotNull();
        }

        assertThat(waiting.enter(one)).isNull();
        assertThat(waiting.enter(two)).isNotNull();
        assertThat(waiting.total()).isEqualTo(4);
        assertThat(waiting.from(one)).isEqualTo(3);
    }

    @Test
    void refusesOneMoreInAllAtTheTotalLimit() {
        var waiting = new WithoutHello(4, 3);
        waiting.enter(one);
        waiting.enter(one);
        waiting.enter(two);
        waiting.enter(two);

        assertThat(waiting.enter(address("127.0.0.3"))).isNull();
        assertThat(waiting.enter(null))
                .as("an unknown address counts as one more")
                .isNull();
    }

    @Test
    void aPlaceLeftTwiceIsFreedOnceAndCancelsItsTimer() {
        var waiting = new WithoutHello(10, 2);
        var first = waiting.enter(one);
        var second = waiting.enter(one);
        var timer = new CompletableFuture<Void>();
        first.timeout(timer);

        first.leave();
        first.leave();

        assertThat(waiting.from(one)).isEqualTo(1);
        assertThat(timer).isCancelled();
        second.leave();
        assertThat(waiting.total()).isZero();
        assertThat(waiting.enter(one)).isNotNull();
    }

    @Test
    void aTimerSetAfterThePlaceWasLeftIsCancelledAtOnce() {
        var waiting = new WithoutHello(10, 2);
        var place = waiting.enter(one);
        place.leave();
        var timer = new CompletableFuture<Void>();

        place.timeout(timer);

        assertThat(timer).isCancelled();
    }

    @Test
    void placesTakenAndLeftFromManyThreadsAddUpToNothing() throws InterruptedException {
        var waiting = new WithoutHello(1_000, 1_000);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 1_000; i++) {
                    var place = waiting.enter(one);
                    if (place != null) {
                        place.leave();
                        place.leave();
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }

        assertThat(waiting.total()).isZero();
        assertThat(waiting.from(one)).isZero();
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
