package io.codinspect.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, bounded: past its capacity it keeps every n-th sample. */
public final class Histogram {

    private final long[] samples;
    private int size;
    private long seen;

    public Histogram(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void record(long nanos) {
        seen++;
        if (size < samples.length) {
            samples[size++] = nanos;
        } else {
            samples[(int) (seen % samples.length)] = nanos;
        }
    }

    public synchronized void clear() {
        size = 0;
        seen = 0;
    }

    /** The q-quantile in milliseconds, e.g. q = 0.99. */
    public synchronized double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        var sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return sorted[Math.min(size - 1, (int) Math.ceil(q * size) - 1)] / 1e6;
    }

    public synchronized long count() {
        return seen;
    }
}
