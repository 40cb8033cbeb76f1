package dev.streamfit.history;

import java.util.Arrays;

/**
 * A bounded ring of timestamped samples, each a fixed number of doubles (NaN = unknown), kept in
 * primitive arrays so that tens of thousands of rings stay cheap. A sample closer than
 * {@code minSpacingMillis} to the previous one replaces it instead of taking a new slot: the ring
 * spans the whole window at any poll interval.
 */
public final class SampleRing {

    private final long[] times;
    private final double[] values;
    private final int width;
    private final long minSpacingMillis;
    private int start;
    private int size;

    public SampleRing(int capacity, int width, long minSpacingMillis) {
        this.times = new long[capacity];
        this.values = new double[capacity * width];
        this.width = width;
        this.minSpacingMillis = minSpacingMillis;
    }

    public synchronized void add(long timeMillis, double... sample) {
        if (sample.length != width) {
            throw new IllegalArgumentException("sample of " + sample.length + " values in a ring of width " + width);
        }
        int slot;
        if (size > 1 && timeMillis - times[index(size - 2)] < minSpacingMillis) {
            // The newest slot stands for the last minSpacing period: keep it current.
            slot = index(size - 1);
        } else if (size < times.length) {
            slot = index(size++);
        } else {
            slot = start;
            start = (start + 1) % times.length;
        }
        times[slot] = timeMillis;
        System.arraycopy(sample, 0, values, slot * width, width);
    }

    /** Drops samples older than {@code cutoffMillis}. */
    public synchronized void expire(long cutoffMillis) {
        while (size > 0 && times[start] < cutoffMillis) {
            start = (start + 1) % times.length;
            size--;
        }
    }

    public synchronized int size() {
        return size;
    }

    /** Oldest first: times and, per sample, its values. */
    public synchronized Samples samples() {
        long[] t = new long[size];
        double[][] v = new double[size][];
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            t[i] = times[slot];
            v[i] = Arrays.copyOfRange(values, slot * width, slot * width + width);
        }
        return new Samples(t, v);
    }

    public record Samples(long[] times, double[][] values) {
        public int size() {
            return times.length;
        }
    }

    private int index(int i) {
        return (start + i) % times.length;
    }

    public static double valueOf(Long value) {
        return value == null ? Double.NaN : value;
    }

    public static double valueOf(Double value) {
        return value == null ? Double.NaN : value;
    }
}
