package io.codinspect.slackbot;

import java.util.concurrent.locks.ReentrantLock;

/** A fixed set of locks, one picked per key, so work on one key runs one at a time in this process. */
final class Stripes {

    private final ReentrantLock[] locks;

    Stripes(int count) {
        locks = new ReentrantLock[count];
        for (var i = 0; i < count; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} holding the lock of {@code key}. */
    void run(Object key, Runnable work) {
        var lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
