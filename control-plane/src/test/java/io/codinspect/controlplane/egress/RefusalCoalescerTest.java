package io.codinspect.controlplane.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.egress.RefusalCoalescer.Show;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefusalCoalescerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aHostRefusedAgainWithinTheWindowIsShownOnceAndAgainAfterIt() {
        var coalescer = new RefusalCoalescer(Duration.ofSeconds(60), 10);
        var sandbox = UUID.randomUUID();

        assertThat(coalescer.admit(sandbox, "evil.example.com", 0)).contains(Show.refusal);
        assertThat(coalescer.admit(sandbox, "evil.example.com", 30 * SECOND)).isEmpty();
        assertThat(coalescer.admit(sandbox, "evil.example.com", 59 * SECOND)).isEmpty();
        assertThat(coalescer.admit(UUID.randomUUID(), "evil.example.com", 59 * SECOND))
                .as("another sandbox")
                .contains(Show.refusal);
        assertThat(coalescer.admit(sandbox, "evil.example.com", 60 * SECOND)).contains(Show.refusal);
    }

    @Test
    void atMostTheLimitIsShownPerWindowThenOneNoteSaysSo() {
        var coalescer = new RefusalCoalescer(Duration.ofSeconds(60), 3);
        var sandbox = UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            assertThat(coalescer.admit(sandbox, "h" + i + ".example.com", i * SECOND))
                    .contains(Show.refusal);
        }
        assertThat(coalescer.admit(sandbox, "h3.example.com", 4 * SECOND)).contains(Show.limitNote);
        for (int i = 4; i < 100; i++) {
            assertThat(coalescer.admit(sandbox, "h" + i + ".example.com", 5 * SECOND))
                    .isEmpty();
        }
        assertThat(coalescer.admit(sandbox, "h100.example.com", 61 * SECOND))
                .as("the first entries have left the window")
                .contains(Show.refusal);
    }
}
