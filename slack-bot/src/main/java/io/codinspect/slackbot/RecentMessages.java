package io.codinspect.slackbot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The messages this process took up lately, so a mention's {@code message} twin and Slack's
 * retries of an event being worked on are not worked on twice. Bounded ({@link #LIMIT} entries,
 * oldest dropped) and in this process only: another replica, or this one after a restart, may
 * take a message up again, and the prompt's {@code clientRequestId} still keeps it to one prompt.
 */
final class RecentMessages {

    static final int LIMIT = 10_000;
    private static final Duration KEEP = Duration.ofMinutes(30);

    private final Clock clock;
    private final Map<String, Instant> seen = Bounded.oldestDropped(LIMIT);

    RecentMessages(Clock clock) {
        this.clock = clock;
    }

    /** True the first time {@code key} is offered within {@link #KEEP}. */
    synchronized boolean firstTime(String key) {
        var now = clock.instant();
        var earlier = seen.get(key);
        if (earlier != null && earlier.plus(KEEP).isAfter(now)) {
            return false;
        }
        seen.remove(key);
        seen.put(key, now);
        return true;
    }

    /** Forgets {@code key}, so a later retry of it is taken up (after work that failed before doing anything). */
    synchronized void forget(String key) {
        seen.remove(key);
    }
}
