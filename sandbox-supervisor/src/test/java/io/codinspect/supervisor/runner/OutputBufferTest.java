package io.codinspect.supervisor.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

    @Test
    void aSlowReaderLosesTheOldestLinesAndIsToldHowManyWhileTheBufferStaysBounded() throws Exception {
        var buffer = new OutputBuffer(100);
        for (int i = 0; i < 1_000; i++) {
            buffer.add("line " + i);
        }

        var first = buffer.read(0, 30, Duration.ZERO);
        assertThat(first.dropped()).isEqualTo(900);
        assertThat(first.lines()).hasSize(30).first().isEqualTo("line 900");
        assertThat(first.next()).isEqualTo(930);
        assertThat(first.exitCode()).isNull();

        var rest = buffer.read(first.next(), 500, Duration.ZERO);
        assertThat(rest.dropped()).isZero();
        assertThat(rest.lines()).hasSize(70).last().isEqualTo("line 999");
        assertThat(rest.next()).isEqualTo(1_000);
    }

    @Test
    void theExitCodeComesWithTheReadThatReachesTheEndAndAWaitingReaderWakesForIt() throws Exception {
        var buffer = new OutputBuffer(10);
        buffer.add("only line");
        Thread.ofVirtual().start(() -> {
            try {
                buffer.awaitExit(Duration.ofMillis(200)); // an unrelated wait, then the exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            buffer.exited(3);
        });

        var early = buffer.read(0, 10, Duration.ZERO);
        assertThat(early.lines()).containsExactly("only line");
        var started = System.nanoTime();
        var end = buffer.read(early.next(), 10, Duration.ofSeconds(10));
        assertThat(end.exitCode()).isEqualTo(3);
        assertThat(end.lines()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(buffer.read(0, 0, Duration.ZERO).exitCode())
                .as("not at the end: no exit code yet")
                .isNull();
    }
}
