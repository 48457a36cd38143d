package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.CodInspectUnreachable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageTest {

    private final AtomicInteger tries = new AtomicInteger();
    private final AtomicInteger told = new AtomicInteger();

    @Test
    void aCallThatCannotReachTheControlPlaneIsTriedAgainAndPeopleAreToldOnce() {
        var outage = new Outage(Duration.ofSeconds(30), Clock.systemUTC(), Duration.ofMillis(10));

        var answer = outage.call(
                "test",
                () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new CodInspectUnreachable("refused", null);
                    }
                    return "answered";
                },
                told::incrementAndGet);

        assertThat(answer).isEqualTo("answered");
        assertThat(tries).hasValue(3);
        assertThat(told).hasValue(1);
    }

    @Test
    void onceTheTimeIsUpTheLastFailureIsThrown() {
        var outage = new Outage(Duration.ofMillis(50), Clock.systemUTC(), Duration.ofMillis(10));

        assertThatThrownBy(() -> outage.call(
                        "test",
                        () -> {
                            tries.incrementAndGet();
                            throw new CodInspectUnreachable("refused", null);
                        },
                        told::incrementAndGet))
                .isInstanceOf(CodInspectUnreachable.class);
        assertThat(tries.get()).isGreaterThan(1);
        assertThat(told).hasValue(1);
    }

    @Test
    void anAnswerOfTheControlPlaneIsNotRetried() {
        var outage = new Outage(Duration.ofSeconds(30), Clock.systemUTC(), Duration.ofMillis(10));

        assertThatThrownBy(() -> outage.call(
                        "test",
                        () -> {
                            tries.incrementAndGet();
                            throw new CodInspectProblem("POST /api/sessions", 400, "Bad request", "no");
                        },
                        told::incrementAndGet))
                .isInstanceOf(CodInspectProblem.class);
        assertThat(tries).hasValue(1);
        assertThat(told).hasValue(0);
    }
}
