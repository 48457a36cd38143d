package io.codinspect.supervisor;

import java.time.Duration;

/** Waits that double after each failure up to a cap, for reconnecting and restarting. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** Sleeps for the current wait and doubles the next one (up to the cap). */
    public void pause() {
        var wait = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        sleep(wait);
    }

    public void reset() {
        next = initial;
    }

    /** Sleeps, keeping the interrupt flag if interrupted (callers check their own stop flags). */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
