package dev.streamfit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Evidence numbers read as {@code String.format} would write them, which they replace for speed. */
class EvidenceTest {

    @Test
    void fixedPointNumbersRoundAsStringFormatDoes() {
        SplittableRandom random = new SplittableRandom(8);
        double[] edges = {0, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 9.95, 99.95, 0.005, 0.015, 1023.95, 1e14, 123456.789};
        for (int decimals = 0; decimals <= 2; decimals++) {
            for (double value : edges) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", value), Evidence.fixed(value, decimals), value + "");
            }
            for (int i = 0; i < 100_000; i++) {
                double value = random.nextDouble() * Math.pow(10, random.nextInt(9));
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", value), Evidence.fixed(value, decimals), value + "");
            }
        }
    }

    @Test
    void unitsAsBefore() {
        assertEquals("1.5 MiB", Evidence.bytes(1.5 * (1 << 20)));
        assertEquals("3.00 GiB", Evidence.bytes(3.0 * (1L << 30)));
        assertEquals("512 B", Evidence.bytes(512));
        assertEquals("2.5 min", Evidence.duration(150));
        assertEquals("0.3/s", Evidence.rate(0.25));
    }
}
