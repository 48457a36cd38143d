package io.codinspect.controlplane.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Copies a provider's answer to the sandbox as it arrives, chunk by chunk, flushing each one: no
 * buffering beyond one read. A provider silent for longer than the idle timeout has its stream
 * closed. A sandbox that goes away ends the copy, and closing the provider's stream cancels the
 * provider's request.
 */
final class Relay {

    /** How a copy ended. */
    enum End {
        COMPLETE,
        CLIENT_GONE,
        IDLE,
        BROKEN
    }

    /**
     * What a copy saw.
     *
     * @param bytes how many bytes were relayed
     */
    record Result(End end, long firstByteNanos, long bytes) {}

    private static final int CHUNK = 8192;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("model-gateway-watchdog").factory());

    private Relay() {}

    /**
     * Copies {@code from} to {@code to}, showing every chunk to {@code observer} after it was sent.
     *
     * @return how it ended and when the first byte came ({@link System#nanoTime()}, 0 if none)
     */
    static Result copy(InputStream from, OutputStream to, Duration idle, BiConsumer<byte[], Integer> observer) {
        var lastRead = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        var idled = new java.util.concurrent.atomic.AtomicBoolean();
        var reader = Thread.currentThread();
        var reading = new java.util.concurrent.atomic.AtomicBoolean(true); // silence counts only while reading
        var check = Math.max(100, Math.min(1000, idle.toMillis() / 4));
        var watch = WATCHDOG.scheduleWithFixedDelay(
                () -> {
                    if (reading.get()
                            && System.nanoTime() - lastRead.get() > idle.toNanos()
                            && idled.compareAndSet(false, true)) {
                        closeQuietly(from);
                        reader.interrupt(); // a read blocked in the HTTP client wakes only when interrupted
                    }
                },
                check,
                check,
                TimeUnit.MILLISECONDS);
        var buffer = new byte[CHUNK];
        long first = 0;
        long total = 0;
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                lastRead.set(System.nanoTime());
                if (first == 0 && n > 0) {
                    first = System.nanoTime();
                }
                reading.set(false);
                try {
                    to.write(buffer, 0, n);
                    to.flush();
                } catch (IOException e) {
                    return new Result(End.CLIENT_GONE, first, total);
                }
                total += n;
                observer.accept(buffer, n);
                lastRead.set(System.nanoTime());
                reading.set(true);
            }
            return new Result(End.COMPLETE, first, total);
        } catch (IOException e) {
            return new Result(idled.get() ? End.IDLE : End.BROKEN, first, total);
        } finally {
            watch.cancel(false);
            closeQuietly(from);
            if (idled.get()) {
                Thread.interrupted(); // the interrupt was for the read, not for whoever runs next
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
