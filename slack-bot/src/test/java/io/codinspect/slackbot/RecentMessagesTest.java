package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final RecentMessages recent = new RecentMessages(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aMessageIsTakenUpOnceUntilForgotten() {
        assertThat(recent.firstTime("slack:T/C/1")).isTrue();
        assertThat(recent.firstTime("slack:T/C/1")).isFalse();
        recent.forget("slack:T/C/1");
        assertThat(recent.firstTime("slack:T/C/1")).isTrue();
    }

    @Test
    void aMessageSeenLongAgoIsTakenUpAgain() {
        recent.firstTime("slack:T/C/1");
        now = now.plus(Duration.ofMinutes(31));
        assertThat(recent.firstTime("slack:T/C/1")).isTrue();
    }

    @Test
    void theOldestAreDroppedBeyondTheLimit() {
        for (var i = 0; i <= RecentMessages.LIMIT; i++) {
            recent.firstTime("m" + i);
        }
        assertThat(recent.firstTime("m0")).as("dropped, so new again").isTrue();
        assertThat(recent.firstTime("m" + RecentMessages.LIMIT)).isFalse();
    }
}
