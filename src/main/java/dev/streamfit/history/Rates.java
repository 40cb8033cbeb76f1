package dev.streamfit.history;

/**
 * Rates and trends over a history column: how every figure per second is computed, in one place.
 * Differences are taken between the exact values before they become doubles, so offsets and IDs
 * beyond 2^53 still give exact changes.
 */
public final class Rates {

    private Rates() {
    }

    /** Change per second between the first and last known values; null with fewer than two. */
    public static Double mean(SampleRing.Samples s, int column) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.size(); i++) {
            if (s.known(i, column)) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0 || first == last || s.time(last) == s.time(first)) {
            return null;
        }
        return (s.exact(last, column) - s.exact(first, column)) * 1000.0 / (s.time(last) - s.time(first));
    }

    /**
     * Per sample, the change per second since the sample before (what a chart of a rate draws); null
     * for the first sample and where either value is unknown.
     */
    public static Double[] perSample(SampleRing.Samples s, int column) {
        Double[] rates = new Double[s.size()];
        for (int i = 1; i < s.size(); i++) {
            long dt = s.time(i) - s.time(i - 1);
            if (s.known(i - 1, column) && s.known(i, column) && dt > 0) {
                rates[i] = (s.exact(i, column) - s.exact(i - 1, column)) * 1000.0 / dt;
            }
        }
        return rates;
    }

    /** The largest growth per second between consecutive known values; null with fewer than two. */
    public static Double peak(SampleRing.Samples s, int column) {
        Double peak = null;
        for (int i = 1; i < s.size(); i++) {
            long dt = s.time(i) - s.time(i - 1);
            if (!s.known(i - 1, column) || !s.known(i, column) || dt <= 0) {
                continue;
            }
            double rate = Math.max(0, s.exact(i, column) - s.exact(i - 1, column)) * 1000.0 / dt;
            peak = peak == null ? rate : Math.max(peak, rate);
        }
        return peak;
    }

    /** Least-squares slope per second of a column; null with fewer than two known values. */
    public static Double slope(SampleRing.Samples s, int column) {
        int n = 0;
        double sumT = 0, sumV = 0, sumTT = 0, sumTV = 0;
        long t0 = s.size() == 0 ? 0 : s.time(0);
        long v0 = SampleRing.UNKNOWN;
        for (int i = 0; i < s.size(); i++) {
            if (!s.known(i, column)) {
                continue;
            }
            // Values relative to the first known one: the slope is the same, the sums stay small and exact.
            v0 = v0 == SampleRing.UNKNOWN ? s.exact(i, column) : v0;
            double v = s.exact(i, column) - v0;
            double t = (s.time(i) - t0) / 1000.0;
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
            if (s.known(i - 1, column) && s.known(i, column) && s.exact(i, column) < s.exact(i - 1, column)) {
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
