package io.codinspect.controlplane.egress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which refusals reach a session's timeline, so that an agent retrying in a loop cannot
 * flood it: per sandbox, a host refused again within {@code window} of the last time it was shown
 * is not shown again, and at most {@code maxShown} refusals are shown per window; the first one
 * past that is replaced by a single note that further ones are not shown. Memory is bounded by the
 * live sandboxes times {@code maxShown}: entries older than the window are dropped as it goes.
 * Thread-safe; pure apart from the clock readings it is given.
 */
final class RefusalCoalescer {

    /** What to add to the timeline for one refusal. */
    enum Show {
        refusal,
        limitNote
    }

    private static final class Recent {
        final Map<String, Long> shownAt = new HashMap<>();
        long noteAt = Long.MIN_VALUE;
    }

    private final long windowNanos;
    private final int maxShown;
    private final Map<UUID, Recent> bySandbox = new HashMap<>();
    private long lastSweep;

    RefusalCoalescer(Duration window, int maxShown) {
        this.windowNanos = window.toNanos();
        this.maxShown = maxShown;
    }

    /** Whether (and how) the refusal of {@code host} by {@code sandboxId} at {@code nowNanos} is shown. */
    synchronized Optional<Show> admit(UUID sandboxId, String host, long nowNanos) {
        sweep(nowNanos);
        var recent = bySandbox.computeIfAbsent(sandboxId, id -> new Recent());
        recent.shownAt.values().removeIf(at -> nowNanos - at >= windowNanos);
        if (recent.shownAt.containsKey(host)) {
            return Optional.empty();
        }
        if (recent.shownAt.size() < maxShown) {
            recent.shownAt.put(host, nowNanos);
            return Optional.of(Show.refusal);
        }
        if (recent.noteAt == Long.MIN_VALUE || nowNanos - recent.noteAt >= windowNanos) {
            recent.noteAt = nowNanos;
            return Optional.of(Show.limitNote);
        }
        return Optional.empty();
    }

    /** Forgets sandboxes with nothing shown within the window, at most once per window. */
    private void sweep(long nowNanos) {
        if (nowNanos - lastSweep < windowNanos) {
            return;
        }
        lastSweep = nowNanos;
        bySandbox.values().removeIf(r -> {
            r.shownAt.values().removeIf(at -> nowNanos - at >= windowNanos);
            return r.shownAt.isEmpty() && (r.noteAt == Long.MIN_VALUE || nowNanos - r.noteAt >= windowNanos);
        });
    }
}
