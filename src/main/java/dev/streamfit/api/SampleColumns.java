package dev.streamfit.api;

import dev.streamfit.history.SampleRing;

/** A history column as the API's JSON arrays carry it: one element per sample, null where unknown (never 0). */
final class SampleColumns {

    /** No samples: a workload listed but not sampled yet (a stale one before its first observation). */
    static final SampleRing.Samples NONE = SampleRing.Samples.of(1, new long[0], new long[0]);

    private SampleColumns() {
    }

    static Long[] exact(SampleRing.Samples s, int column) {
        Long[] values = new Long[s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.known(i, column) ? s.exact(i, column) : null;
        }
        return values;
    }

    /** Milliseconds kept in a column, as seconds. */
    static Double[] seconds(SampleRing.Samples s, int column) {
        Double[] values = new Double[s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.known(i, column) ? s.exact(i, column) / 1000.0 : null;
        }
        return values;
    }
}
