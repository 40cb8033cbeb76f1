package dev.streamfit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rates and trends over one column: exact differences, unknown samples skipped, never read as 0. */
class RatesTest {

    private static final long T0 = 1_700_000_040_000L;
    private static final long U = SampleRing.UNKNOWN;

    /** One column, a sample every 10 s. */
    private static SampleRing.Samples every10s(long... values) {
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * 10_000L;
        }
        return SampleRing.Samples.of(1, times, values);
    }

    @Test
    void meanIsTheChangeBetweenFirstAndLastKnownPerSecond() {
        assertEquals(3.0, Rates.mean(every10s(U, 100, 130, 160, U), 0));
        assertNull(Rates.mean(every10s(U, 100, U), 0), "one known value is no rate");
        assertNull(Rates.mean(every10s(), 0));
    }

    @Test
    void changesOfOffsetsBeyondTwoToThe53AreExact() {
        long big = 1L << 60;
        // As doubles, big and big + 10 are the same number.
        assertEquals(1.0, Rates.mean(every10s(big, big + 10), 0));
        assertEquals(1.0, Rates.peak(every10s(big, big + 10), 0));
        assertEquals(1.0, Rates.slope(every10s(big, big + 10, big + 20), 0), 1e-9);
        assertTrue(Rates.everDecreased(every10s(big + 1, big), 0));
        assertTrue(Rates.moved(every10s(big, big + 1), 0));
    }

    @Test
    void peakIsTheLargestGrowthBetweenConsecutiveKnownSamples() {
        assertEquals(5.0, Rates.peak(every10s(0, 10, 60, 50, U, 1_000), 0), "a drop is no growth; across an unknown sample nothing is measured");
        assertNull(Rates.peak(every10s(0, U, 10), 0));
    }

    @Test
    void slopeSkipsUnknownSamples() {
        assertEquals(-2.0, Rates.slope(every10s(100, U, 60, 40), 0), 1e-9);
        assertNull(Rates.slope(every10s(U, 5, U), 0));
    }

    @Test
    void everDecreasedAndMovedCompareKnownValuesOnly() {
        assertFalse(Rates.everDecreased(every10s(5, U, 3), 0), "only consecutive samples are compared: the unknown one breaks the pair");
        assertTrue(Rates.everDecreased(every10s(5, 6, 4, 7), 0));
        assertFalse(Rates.moved(every10s(7, 9, 7), 0), "first and last known are equal");
        assertTrue(Rates.moved(every10s(U, 7, 8, U), 0));
    }
}
