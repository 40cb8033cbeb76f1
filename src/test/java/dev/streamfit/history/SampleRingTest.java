package dev.streamfit.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The history ring on its own: buckets, wrap, expiry, exact values, coverage of the window, heap per ring. */
class SampleRingTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long MINUTE = 60_000;
    /** A time at the start of a one-minute bucket (buckets are aligned to the epoch). */
    private static final long T0 = 1_700_000_040_000L;
    private static final long UNKNOWN = SampleRing.UNKNOWN;

    /** Layouts by column count: shared, as the histories share one per kind of ring. */
    private static final SampleRing.Layout[] HOUR_LAYOUTS = {null, new SampleRing.Layout(1, HOUR), new SampleRing.Layout(2, HOUR),
            new SampleRing.Layout(3, HOUR)};

    private static SampleRing hourRing(int columns) {
        return new SampleRing(HOUR_LAYOUTS[columns]);
    }

    @Test
    void eachBucketKeepsTheLastSampleThatFellIntoIt() {
        SampleRing ring = hourRing(1);
        ring.add(T0, 1);
        ring.add(T0 + 10_000, 2);
        ring.add(T0 + 59_999, 3);
        assertEquals(1, ring.size());
        assertEquals(T0 + 59_999, ring.samples().time(0));
        assertEquals(3, ring.samples().exact(0, 0));

        ring.add(T0 + MINUTE, 4);
        ring.add(T0 + MINUTE + 30_000, 5);
        SampleRing.Samples samples = ring.samples();
        assertArrayEquals(new long[] {T0 + 59_999, T0 + MINUTE + 30_000}, samples.times(), "one sample per bucket, the newest is the latest poll");
        assertEquals(5, samples.exact(1, 0));
    }

    @Test
    void aBucketWithoutAPollHoldsNothing() {
        SampleRing ring = hourRing(1);
        ring.add(T0, 1);
        ring.add(T0 + 5 * MINUTE, 2);
        assertArrayEquals(new long[] {T0, T0 + 5 * MINUTE}, ring.samples().times());
    }

    @Test
    void wrapsKeepingTheOldestFirstAndNoMoreThanTheWindow() {
        SampleRing ring = hourRing(2);
        for (int minute = 0; minute < 200; minute++) {
            ring.add(T0 + minute * MINUTE, minute, -minute);
        }
        SampleRing.Samples samples = ring.samples();
        // 199 minutes back to 139: the sample exactly one window old is still in it.
        assertEquals(61, samples.size());
        for (int i = 0; i < samples.size(); i++) {
            long minute = 139 + i;
            assertEquals(T0 + minute * MINUTE, samples.time(i));
            assertEquals(minute, samples.exact(i, 0));
            assertEquals(-minute, samples.exact(i, 1));
        }
        assertEquals(HOUR.toMillis(), ring.observedMillis());
    }

    @Test
    void samplesOlderThanTheWindowExpireWhenTheNextArrives() {
        SampleRing ring = hourRing(1);
        for (int minute = 0; minute < 30; minute++) {
            ring.add(T0 + minute * MINUTE, minute);
        }
        ring.add(T0 + 80 * MINUTE, 80);
        assertEquals(T0 + 20 * MINUTE, ring.samples().time(0), "20 minutes, 80 minus the window, is the oldest kept");
        assertEquals(11, ring.size());

        ring.add(T0 + 200 * MINUTE, 200);
        assertEquals(1, ring.size(), "after a gap longer than the window only the new poll is left");
        assertEquals(0, ring.observedMillis());
    }

    @Test
    void aClockSetBackDropsWhatWasRecordedAfterIt() {
        SampleRing ring = hourRing(1);
        for (int minute = 0; minute < 10; minute++) {
            ring.add(T0 + minute * MINUTE, minute);
        }
        ring.add(T0 + 4 * MINUTE + 30_000, 42);
        SampleRing.Samples samples = ring.samples();
        assertEquals(5, samples.size());
        assertEquals(T0 + 4 * MINUTE + 30_000, samples.time(4), "the newest sample is the latest poll");
        assertEquals(42, samples.exact(4, 0));
    }

    @Test
    void longsBeyondTwoToThe53AreKeptExactly() {
        SampleRing ring = hourRing(2);
        long big = (1L << 53) + 1;
        ring.add(T0, big, 0);
        ring.add(T0 + MINUTE, big + 2, Long.MAX_VALUE);
        ring.add(T0 + 2 * MINUTE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1);
        ring.add(T0 + 3 * MINUTE, -big, 7);
        SampleRing.Samples samples = ring.samples();
        assertEquals(big, samples.exact(0, 0));
        assertEquals(big + 2, samples.exact(1, 0));
        assertEquals(Long.MAX_VALUE, samples.exact(1, 1));
        assertEquals(Long.MAX_VALUE - 1, samples.exact(2, 0));
        assertEquals(Long.MIN_VALUE + 1, samples.exact(2, 1));
        assertEquals(-big, samples.exact(3, 0));
        assertEquals(7, samples.exact(3, 1));
        assertEquals((double) big, samples.values()[0][0], "the double view rounds beyond 2^53: exactness is on exact()");
    }

    @Test
    void valuesThatNeededLongsGoBackToIntsOnceTheyExpire() {
        SampleRing.Samples samples = groupReadAnHourAfterItWasCreatedAtZero().samples();
        assertEquals(61, samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(T0 + 30 + i, samples.exact(i, 1));
        }
        // 1,104 bytes with int offsets, over 1,800 with longs.
        double perRing = heapBytesPerRing(3, SampleRingTest::groupReadAnHourAfterItWasCreatedAtZero);
        assertTrue(perRing < 1_250, "ints again, not longs, once the 0 expired: " + perRing + " bytes per ring");
    }

    /** A Redis group created at 0-0 and read an hour later: its last-delivered ms jumps by 1.7 × 10^12. */
    private static SampleRing groupReadAnHourAfterItWasCreatedAtZero() {
        SampleRing ring = hourRing(3);
        ring.add(T0, 5, 0, 0);
        for (int minute = 1; minute <= 90; minute++) {
            ring.add(T0 + minute * MINUTE, 0, T0 + minute, 0);
        }
        return ring;
    }

    @Test
    void unknownIsKeptAsUnknownNeverAsZero() {
        SampleRing ring = hourRing(3);
        ring.add(T0, UNKNOWN, 0, 5);
        ring.add(T0 + MINUTE, 10, UNKNOWN, Integer.MIN_VALUE);
        ring.add(T0 + 2 * MINUTE, UNKNOWN, UNKNOWN, UNKNOWN);
        SampleRing.Samples samples = ring.samples();
        assertFalse(samples.known(0, 0));
        assertEquals(UNKNOWN, samples.exact(0, 0));
        assertTrue(Double.isNaN(samples.values()[0][0]));
        assertTrue(samples.known(0, 1));
        assertEquals(0.0, samples.values()[0][1]);
        assertFalse(samples.known(1, 1));
        assertEquals(Integer.MIN_VALUE, samples.exact(1, 2), "the int sentinel's value is a value like any other");
        for (int column = 0; column < 3; column++) {
            assertFalse(samples.known(2, column));
        }
        assertEquals(SampleRing.UNKNOWN, SampleRing.valueOf(null));
    }

    /** The ring against a plain list that follows the same rules, over polls with jitter, gaps, unknowns, jumps and rewinds. */
    @ParameterizedTest(name = "position in column 0: {0}")
    @CsvSource({"false", "true"})
    void agreesWithAListOfEveryPollUnderRandomPolls(boolean position) {
        Random random = new Random(8);
        SampleRing.Layout plain = new SampleRing.Layout(3, Duration.ofMinutes(10), 20);
        SampleRing.Layout layout = position ? plain.withPosition(0) : plain;
        int maxSamples = position ? 42 : 21;
        SampleRing ring = new SampleRing(layout);
        List<long[]> expected = new ArrayList<>();
        long time = T0;
        long[] walk = {0, 1L << 40, 0};
        for (int poll = 0; poll < 20_000; poll++) {
            time += random.nextInt(20) == 0 ? -random.nextInt(60_000) : random.nextInt(random.nextInt(50) == 0 ? 900_000 : 40_000);
            long[] sample = new long[4];
            sample[0] = time;
            for (int column = 0; column < 3; column++) {
                walk[column] += switch (random.nextInt(40)) {
                    case 0 -> Long.MAX_VALUE / 3;
                    case 1 -> -(Long.MAX_VALUE / 3);
                    case 2 -> 3_000_000_000L;
                    default -> random.nextInt(2_000) - (column == 0 ? 200 : 1_000);
                };
                sample[column + 1] = random.nextInt(10) == 0 ? UNKNOWN : walk[column];
            }
            ring.add(time, sample[1], sample[2], sample[3]);
            long now = time;
            expected.removeIf(s -> s[0] > now || s[0] < now - layout.windowMillis());
            int last = expected.size() - 1;
            boolean sameBucket = last >= 0 && Math.floorDiv(expected.get(last)[0], layout.bucketMillis()) == Math.floorDiv(time, layout.bucketMillis());
            boolean keepsLast = position && last >= 0 && (before(sample, expected.get(last)) || last > 0 && before(expected.get(last), expected.get(last - 1)));
            if (sameBucket && !keepsLast) {
                expected.remove(last);
            } else if (expected.size() == maxSamples) {
                expected.remove(0);
            }
            expected.add(sample);

            int checkedPoll = poll;
            // The copy and the ring read in place (what evaluation reads) must both be the list.
            assertSamples(expected, ring.samples(), "copy, poll " + poll);
            ring.read(inPlace -> {
                assertSamples(expected, inPlace, "in place, poll " + checkedPoll);
                return null;
            });
        }
    }

    private static void assertSamples(List<long[]> expected, SampleRing.Samples samples, String where) {
        assertEquals(expected.size(), samples.size(), where);
        assertEquals(expected.isEmpty() ? 0 : expected.get(expected.size() - 1)[0] - expected.get(0)[0], samples.observedMillis(), where);
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(expected.get(i)[0], samples.time(i), where);
            for (int column = 0; column < 3; column++) {
                assertEquals(expected.get(i)[column + 1], samples.exact(i, column), where + ", sample " + i + ", column " + column);
            }
        }
    }

    /** Whether the first column of {@code later} (time, values…) is below that of {@code earlier}, both known. */
    private static boolean before(long[] later, long[] earlier) {
        return later[1] != UNKNOWN && earlier[1] != UNKNOWN && later[1] < earlier[1];
    }

    @Test
    void aRewindBetweenTwoPollsOfOneBucketStaysInTheHistory() {
        // Issue 9, item 2: a commit that went 10,000 → 11,000 → 10,500 within one bucket.
        SampleRing ring = new SampleRing(HOUR_LAYOUTS[1].withPosition(0));
        ring.add(T0 - 30_000, 10_000);
        ring.add(T0, 11_000);
        ring.add(T0 + 15_000, 10_500);
        ring.add(T0 + 30_000, 10_600);
        ring.add(T0 + 45_000, 10_700);
        SampleRing.Samples samples = ring.samples();
        assertArrayEquals(new long[] {T0 - 30_000, T0, T0 + 15_000, T0 + 45_000}, samples.times(),
                "both sides of the rewind stay; after it the bucket keeps its last poll again");
        assertTrue(Rates.everDecreased(samples, 0));

        // Without a position the same polls are one sample per bucket: the rewind is merged away.
        SampleRing plain = hourRing(1);
        plain.add(T0 - 30_000, 10_000);
        plain.add(T0, 11_000);
        plain.add(T0 + 15_000, 10_500);
        assertFalse(Rates.everDecreased(plain.samples(), 0));
    }

    @Test
    void aPositionOfSeveralColumnsComparesThemInOrder() {
        // A Redis last-delivered-id as (ms, seq): 5-3 → 6-0 is forward, 6-0 → 5-9 and 6-1 → 6-0 are back.
        SampleRing ring = new SampleRing(HOUR_LAYOUTS[2].withPosition(0, 1));
        ring.add(T0, 5, 3);
        ring.add(T0 + 1_000, 6, 0);
        assertEquals(1, ring.size(), "a forward move is merged into the bucket");
        ring.add(T0 + 2_000, 5, 9);
        assertEquals(2, ring.size());
        ring.add(T0 + MINUTE, 6, 1);
        ring.add(T0 + MINUTE + 1_000, 6, 0);
        assertEquals(4, ring.size());
        ring.add(T0 + MINUTE + 2_000, UNKNOWN, 0);
        ring.add(T0 + MINUTE + 3_000, 1, 0);
        assertEquals(5, ring.size(), "after an unknown part nothing is compared: the bucket keeps its last poll");
    }

    @Test
    void aRingThatRewindsAtEveryPollStaysBounded() {
        SampleRing ring = new SampleRing(HOUR_LAYOUTS[1].withPosition(0));
        for (int second = 0; second < 2 * 3_600; second++) {
            ring.add(T0 + second * 1_000L, second % 2 == 0 ? 100 : 50);
        }
        assertEquals(2 * (SampleRing.BUCKETS_PER_WINDOW + 1), ring.size());
        assertEquals(T0 + (2 * 3_600 - 1) * 1_000L, ring.samples().time(ring.size() - 1), "the newest sample is the latest poll");
        assertTrue(Rates.everDecreased(ring.samples(), 0));
    }

    /**
     * SPEC: the history covers at least 95 % of the window at any poll interval once the service ran
     * that long. Polls with ±20 % jitter for two windows; the coverage is checked after every poll of
     * the second.
     */
    @ParameterizedTest(name = "poll every {0} s")
    @CsvSource({"1", "15", "60"})
    void coversTheWholeWindowAtAnyPollInterval(int pollSeconds) {
        Random random = new Random(pollSeconds);
        SampleRing ring = hourRing(1);
        long time = T0 + 12_345;
        double lowest = 1;
        while (time < T0 + 2 * HOUR.toMillis()) {
            ring.add(time, time);
            if (time >= T0 + HOUR.toMillis()) {
                lowest = Math.min(lowest, ring.observedMillis() / (double) HOUR.toMillis());
            }
            time += Math.round(pollSeconds * 1000 * (0.8 + 0.4 * random.nextDouble()));
        }
        assertTrue(lowest >= 0.95, "coverage fell to " + lowest);
        assertTrue(ring.size() <= SampleRing.BUCKETS_PER_WINDOW + 1);
    }

    /**
     * Heap per ring with a full window (a poll every 15 s for 2 h), over 10,000 rings. Measured (JDK 17,
     * compressed oops): 600, 848 and 1,104 bytes for 1, 2 and 3 columns — 61 slots of a 4-byte time and
     * a 4-byte offset per column, the arrays' headers, the ring and its column bases. The bounds leave
     * room for a JVM without compressed oops. A ring with a position whose position only moves
     * forward takes no more.
     */
    @ParameterizedTest(name = "{0} columns, position {1}")
    @CsvSource({"1, false, 700", "2, false, 1000", "2, true, 1000", "3, false, 1250", "3, true, 1250"})
    void aFullRingFitsItsHeapBudget(int columns, boolean position, int bytes) {
        SampleRing.Layout layout = position ? HOUR_LAYOUTS[columns].withPosition(0) : HOUR_LAYOUTS[columns];
        double perRing = heapBytesPerRing(columns, () -> {
            SampleRing ring = new SampleRing(layout);
            long[] values = new long[columns];
            for (long time = T0; time < T0 + 2 * HOUR.toMillis(); time += 15_000) {
                for (int column = 0; column < columns; column++) {
                    values[column] = 1_700_000_000_000L + (time - T0) / 7 + column;
                }
                ring.add(time, values);
            }
            return ring;
        });
        assertTrue(perRing < bytes, columns + " columns, position " + position + ": " + perRing + " bytes per ring");
    }

    /**
     * A quiet workload (every value held within 32,767 of its column's smallest: a small lag, a capped
     * length, a position that does not move) takes 2 bytes per value: measured 744 bytes for 3 columns
     * with a full window, where 4-byte offsets take 1,104.
     */
    @Test
    void aQuietRingTakesHalfTheHeap() {
        double perRing = heapBytesPerRing(3, () -> {
            SampleRing ring = hourRing(3);
            for (long time = T0; time < T0 + 2 * HOUR.toMillis(); time += 15_000) {
                long drift = (time - T0) / 15_000 % 500;
                ring.add(time, 1_700_000_000_000L + drift, 10_000 + drift, drift);
            }
            assertEquals(2, ring.bytesPerValue());
            return ring;
        });
        assertTrue(perRing < 820, perRing + " bytes per ring");
    }

    @Test
    void aRingWidensForWhatItHoldsAndNarrowsOnceThatExpired() {
        SampleRing ring = hourRing(1);
        long time = T0;
        ring.add(time, 100);
        assertEquals(2, ring.bytesPerValue());
        ring.add(time += 60_000, 100 + 40_000);
        assertEquals(4, ring.bytesPerValue(), "40,000 apart: 32 bits");
        ring.add(time += 60_000, 1L << 40);
        assertEquals(8, ring.bytesPerValue(), "2^40 apart: 64 bits");
        assertEquals(List.of(100L, 40_100L, 1L << 40), columnOf(ring.samples(), 0));
        for (int minute = 0; minute < 2 * 60; minute++) {
            ring.add(time += 60_000, 7 + minute % 3);
        }
        assertEquals(2, ring.bytesPerValue(), "the wide values expired a window ago");
        assertEquals(7L + (2 * 60 - 1) % 3, ring.samples().exact(ring.size() - 1, 0));
    }

    private static List<Long> columnOf(SampleRing.Samples samples, int column) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            values.add(samples.exact(i, column));
        }
        return values;
    }

    @Test
    void aWorkloadSeenOnceCostsAFewSlotsNotAWindow() {
        double perRing = heapBytesPerRing(3, () -> {
            SampleRing ring = hourRing(3);
            ring.add(T0, 1, 2, 3);
            return ring;
        });
        // Measured: 184 bytes, where 61 slots from the start would take 1,104.
        assertTrue(perRing < 250, perRing + " bytes per ring");
    }

    private interface RingFactory {
        SampleRing build();
    }

    /** Used heap after GC with 10,000 rings reachable, minus the same before, per ring. */
    private static double heapBytesPerRing(int columns, RingFactory factory) {
        SampleRing[] rings = new SampleRing[10_000];
        long before = usedHeapAfterGc();
        for (int i = 0; i < rings.length; i++) {
            rings[i] = factory.build();
        }
        long after = usedHeapAfterGc();
        assertEquals(columns, rings[rings.length - 1].samples().values()[0].length);
        return (after - before) / (double) rings.length;
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
