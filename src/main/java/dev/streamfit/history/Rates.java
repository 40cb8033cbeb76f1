package dev.streamfit.history;

import dev.streamfit.history.SampleRing;

/** Rates and trends over a history column: how every figure per second is computed, in one place. */
public final class Rates {

    private Rates() {
    }

    /** Change per second between the first and last known values; null with fewer than two. */
    public static Double mean(SampleRing.Samples s, int column) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isNaN(s.values()[i][column])) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0 || first == last || s.times()[last] == s.times()[first]) {
            return null;
        }
        return (s.values()[last][column] - s.values()[first][column]) * 1000.0 / (s.times()[last] - s.times()[first]);
    }

    /** The largest growth per second between consecutive known values; null with fewer than two. */
    public static Double peak(SampleRing.Samples s, int column) {
        Double peak = null;
        for (int i = 1; i < s.size(); i++) {
            double a = s.values()[i - 1][column];
            double b = s.values()[i][column];
            long dt = s.times()[i] - s.times()[i - 1];
            if (Double.isNaN(a) || Double.isNaN(b) || dt <= 0) {
                continue;
            }
            double rate = Math.max(0, b - a) * 1000.0 / dt;
            peak = peak == null ? rate : Math.max(peak, rate);
        }
        return peak;
    }

    /** Least-squares slope per second of a column; null with fewer than two known values. */
    public static Double slope(SampleRing.Samples s, int column) {
        int n = 0;
        double sumT = 0, sumV = 0, sumTT = 0, sumTV = 0;
        long t0 = s.size() == 0 ? 0 : s.times()[0];
        for (int i = 0; i < s.size(); i++) {
            double v = s.values()[i][column];
            if (Double.isNaN(v)) {
                continue;
            }
            double t = (s.times()[i] - t0) / 1000.0;
            n++;
            sumT += t;
            sumV += v;
            sumTT += t * t;
            sumTV += t * v;
        }
        double denominator = n * sumTT - sumT * sumT;
        if (n < 2 || denominator == 0) {
            return null;
        }
        return (n * sumTV - sumT * sumV) / denominator;
    }

    /** True when a value ever went down between consecutive known samples. */
    public static boolean everDecreased(SampleRing.Samples s, int column) {
        for (int i = 1; i < s.size(); i++) {
            double a = s.values()[i - 1][column];
            double b = s.values()[i][column];
            if (!Double.isNaN(a) && !Double.isNaN(b) && b < a) {
                return true;
            }
        }
        return false;
    }

    /** True when the first and last known values differ. */
    public static boolean moved(SampleRing.Samples s, int column) {
        Double mean = mean(s, column);
        return mean != null && mean != 0;
    }
}
