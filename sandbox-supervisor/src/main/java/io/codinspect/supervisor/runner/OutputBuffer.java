package io.codinspect.supervisor.runner;

import io.codinspect.supervisor.boundary.RunnerProtocol.Output;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output of one launched program, numbered line by line, waiting for the supervisor to read
 * it. At most {@code capacity} lines are kept: when the reader is slower than the program, the
 * oldest lines are dropped (the program is never slowed down) and the next read says how many.
 */
final class OutputBuffer {

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Sequence number of the oldest line kept. */
    private long first;

    private Integer exitCode;

    OutputBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(String line) {
        lock.lock();
        try {
            lines.addLast(line);
            if (lines.size() > capacity) {
                lines.removeFirst();
                first++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The program exited and its output was read to the end. */
    void exited(int code) {
        lock.lock();
        try {
            exitCode = code;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean hasExited() {
        lock.lock();
        try {
            return exitCode != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} lines from sequence number {@code from} on, waiting up to {@code wait} for
     * one when there is none yet; the exit code comes with the read that reaches the end.
     */
    Output read(long from, int max, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            var remaining = wait.toNanos();
            while (from >= end() && exitCode == null && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            var start = Math.min(Math.max(from, first), end());
            var dropped = Math.max(0, first - from);
            var taken = new ArrayList<String>();
            var skip = start - first;
            for (var line : lines) {
                if (skip-- > 0) {
                    continue;
                }
                if (taken.size() == max) {
                    break;
                }
                taken.add(line);
            }
            var next = start + taken.size();
            return new Output(taken, next, dropped, next == end() ? exitCode : null);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the exit, at most {@code wait}; returns the exit code or null. */
    Integer awaitExit(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            var remaining = wait.toNanos();
            while (exitCode == null && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return exitCode;
        } finally {
            lock.unlock();
        }
    }

    private long end() {
        return first + lines.size();
    }
}
