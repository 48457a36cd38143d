package io.codinspect.supervisor.turn;

import io.codinspect.supervisor.workspace.Checkpoints;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves checkpoints while a turn runs: after each tool call that may have changed files, and at
 * least every {@code interval} (a checkpoint is pushed only when the files changed). Saves run on
 * this checkpointer's own thread, one at a time; requests made meanwhile are coalesced.
 */
public final class Checkpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final Duration SAVE_WAIT = Duration.ofSeconds(10);

    private final Checkpoints checkpoints;
    private final Duration interval;
    // guarded by this
    private boolean active;
    private boolean requested;
    private boolean saving;
    private boolean closed;
    private long nextDueNanos;

    public Checkpointer(Checkpoints checkpoints, Duration interval) {
        this.checkpoints = checkpoints;
        this.interval = interval;
        Thread.ofVirtual().name("checkpointer").start(this::loop);
    }

    /** A turn started: checkpoint it until {@link #end}. */
    public synchronized void begin() {
        active = true;
        requested = false;
        nextDueNanos = System.nanoTime() + interval.toNanos();
        notifyAll();
    }

    /** Something may have changed the files (a tool call finished): checkpoint soon. */
    public synchronized void changed() {
        if (active) {
            requested = true;
            notifyAll();
        }
    }

    /**
     * The turn ended: stop checkpointing it, once a save in progress is done (waiting at most
     * {@code SAVE_WAIT}; a save still running then carries on beside the delivery, on its own index).
     */
    public synchronized void end() {
        active = false;
        requested = false;
        var deadline = System.nanoTime() + SAVE_WAIT.toNanos();
        while (saving && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The turn's work is delivered: its checkpoint is no longer ahead of the branch. */
    public void settle() {
        try {
            checkpoints.settle();
        } catch (RuntimeException e) {
            log.warn("Settling the checkpoint failed: {}", e.getMessage());
        }
    }

    /**
     * The turn's work could not reach the branch: it is kept on a ref of its own instead. Returns
     * the ref, or null when that failed too (the work is then only in this sandbox's clone).
     */
    public String keep(String promptId) {
        try {
            return checkpoints.keep(promptId);
        } catch (RuntimeException e) {
            log.warn("Keeping the work on a ref of its own failed: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                try {
                    while (!closed && !(active && (requested || System.nanoTime() >= nextDueNanos))) {
                        var wait = active ? Math.max(1, (nextDueNanos - System.nanoTime()) / 1_000_000) : 0;
                        wait(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                requested = false;
                saving = true;
                nextDueNanos = System.nanoTime() + interval.toNanos();
            }
            try {
                checkpoints.save();
            } catch (RuntimeException e) { // SupervisorException and anything unexpected alike
                log.warn("Checkpoint failed: {}", e.getMessage());
            } finally {
                synchronized (this) {
                    saving = false;
                    notifyAll();
                }
            }
        }
    }
}
