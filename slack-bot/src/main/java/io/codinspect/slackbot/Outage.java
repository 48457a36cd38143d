package io.codinspect.slackbot;

import io.codinspect.client.CodInspectUnreachable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls of the control plane that keep trying while it cannot be reached (refused connections,
 * timeouts, a proxy's 5xx), for a bounded time, waiting longer between tries (1 s doubling to
 * 5 s). Only {@link CodInspectUnreachable} is retried: an answer of the control plane, even a
 * refusal, is final. The calls retried here are idempotent (identity resolution, a prompt with its
 * {@code clientRequestId}), so a try whose answer was lost is harmless.
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(Outage.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final Duration retryFor;
    private final Clock clock;
    private final Duration firstWait;

    Outage(Duration retryFor, Clock clock) {
        this(retryFor, clock, FIRST_WAIT);
    }

    Outage(Duration retryFor, Clock clock, Duration firstWait) {
        this.retryFor = retryFor;
        this.clock = clock;
        this.firstWait = firstWait;
    }

    /** How long a call keeps trying. */
    Duration retryFor() {
        return retryFor;
    }

    /**
     * {@code call}, tried until it answers or {@link #retryFor} has passed; {@code onFirstFailure}
     * runs once, when the first try cannot reach the control plane (to tell people so).
     *
     * @throws CodInspectUnreachable the last failure, once the time is up
     */
    <T> T call(String what, Supplier<T> call, Runnable onFirstFailure) {
        return call(what, call, onFirstFailure, deadline());
    }

    /** When calls starting now stop trying: one deadline shared by the calls of one piece of work. */
    Instant deadline() {
        return clock.instant().plus(retryFor);
    }

    /** As {@link #call(String, Supplier, Runnable)}, trying until {@code deadline}. */
    <T> T call(String what, Supplier<T> call, Runnable onFirstFailure, Instant deadline) {
        var wait = firstWait;
        var told = false;
        while (true) {
            try {
                return call.get();
            } catch (CodInspectUnreachable e) {
                if (!told) {
                    told = true;
                    log.warn(
                            "The control plane cannot be reached ({}): {}; retrying for {}",
                            what,
                            e.getMessage(),
                            retryFor);
                    onFirstFailure.run();
                }
                if (!clock.instant().plus(wait).isBefore(deadline)) {
                    throw e;
                }
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodInspectUnreachable("interrupted while waiting for the control plane", e);
        }
    }
}
