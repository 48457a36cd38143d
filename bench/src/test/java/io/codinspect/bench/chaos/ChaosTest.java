package io.codinspect.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortest schedule of {@code ./codinspect chaos}: every kind of fault once against the real
 * control plane, supervisors and OpenCode, with four sessions at work; nothing may be lost.
 */
class ChaosTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfFaultLosesNoEventNoWriteAndStrandsNoSession() throws Exception {
        var run = new ChaosRun(
                ChaosRun.findRoot(),
                dir,
                4,
                Duration.ZERO, // nothing after the first round of every kind once
                Duration.ofMillis(2000),
                Duration.ofSeconds(25),
                Duration.ofSeconds(10), // shorter than the default 30 s: a stall may hold the last reports
                Duration.ofSeconds(3), // a connection left stalled is ended in 9 s, not the default 45 s
                20261201L);
        var report = run.run();
        report.print(System.out);

        assertThat(report.faults())
                .allSatisfy((kind, count) ->
                        assertThat(count).as("%s injected", kind).isPositive());
        assertThat(report.verdict().prompts()).isPositive();
        assertThat(report.verdict().eventsLost()).as("events lost").isZero();
        assertThat(report.verdict().eventsDuplicated()).as("events duplicated").isZero();
        assertThat(report.verdict().writesMissing()).as("agent writes missing").isZero();
        assertThat(report.verdict().sessionsStuck()).as("sessions left stuck").isZero();
    }
}
