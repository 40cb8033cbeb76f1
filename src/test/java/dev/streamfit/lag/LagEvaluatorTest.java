package dev.streamfit.lag;

import static dev.streamfit.lag.LagStatus.ERR;
import static dev.streamfit.lag.LagStatus.OK;
import static dev.streamfit.lag.LagStatus.REWIND;
import static dev.streamfit.lag.LagStatus.STALL;
import static dev.streamfit.lag.LagStatus.STOP;
import static dev.streamfit.lag.LagStatus.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.streamfit.lag.LagEvaluator.Point;

/**
 * The lag evaluator's correctness proof: every rule and every known Burrow flaw as a numbered,
 * named case. A row reads like a sentence: {@code window("40/50 40/60").owned().logStart(50)} is a
 * group-partition whose window is written as "committed/logEnd" pairs, one per minute, oldest first,
 * owned by a member of the group, with log start 50. Unless a row says so: no member, log start 0;
 * stop-after is 5 minutes.
 */
class LagEvaluatorTest {

    private static final Duration STOP_AFTER = Duration.ofMinutes(5);

    /** "c/e c/e ..." one sample a minute; "-" for an unknown committed offset. */
    static Partition window(String samples) {
        List<Point> points = new ArrayList<>();
        String[] parts = samples.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String[] ce = parts[i].split("/");
            Long committed = ce[0].equals("-") ? null : Long.valueOf(ce[0]);
            long logEnd = Long.parseLong(ce[1]);
            Long lag = committed == null ? null : Math.max(logEnd - committed, 0);
            points.add(new Point(i * 60_000L, committed, lag));
        }
        return new Partition(samples, points);
    }

    static final class Partition {
        final String samples;
        final List<Point> window;
        long logStart = 0;
        boolean owned;

        Partition(String samples, List<Point> window) {
            this.samples = samples;
            this.window = window;
        }

        /** A member of the group owns the partition. */
        Partition owned() {
            owned = true;
            return this;
        }

        Partition logStart(long offset) {
            logStart = offset;
            return this;
        }

        LagStatus status() {
            return LagEvaluator.status(window, logStart, owned, STOP_AFTER);
        }

        @Override
        public String toString() {
            return samples + (owned ? ", owned" : "") + (logStart == 0 ? "" : ", log start " + logStart);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("1 caught up", window("10/10 20/20 30/30"), OK),
                Arguments.of("2 consuming with steady lag", window("5/10 15/20 25/30").owned(), OK),
                Arguments.of("3 lag grew across the window", window("8/10 12/20 14/30 15/40").owned(), WARN),
                Arguments.of("4 lag grew then shrank: not WARN", window("8/10 12/20 28/30 35/40").owned(), OK),
                Arguments.of("5 single sample with lag: nothing to compare", window("5/10").owned(), OK),
                Arguments.of("6 committed offset moved backwards", window("50/60 60/70 10/80").owned(), REWIND),
                Arguments.of("7 rewind earlier in the window still shows", window("50/60 10/70 20/80 30/90").owned(), REWIND),
                Arguments.of("8 committed below log start: lost to retention", window("10/100 10/100").logStart(50), ERR),
                Arguments.of("9 ERR outranks REWIND", window("60/100 10/100").owned().logStart(50), ERR),
                Arguments.of("10 no member, offset still for 6 min, log end advancing", window("40/50 40/60 40/70 40/80 40/90 40/100 40/110"), STOP),
                Arguments.of("11 member owns it, offset still for 6 min: STALL", window("40/50 40/60 40/70 40/80 40/90 40/100 40/110").owned(), STALL),
                Arguments.of("12 offset still for only 4 min: not yet STOP", window("40/50 40/60 40/70 40/80 40/90"), WARN),
                Arguments.of("13 offset still, log end still (producer idle, no member): not STOP", window("40/50 40/50 40/50 40/50 40/50 40/50 40/50"), OK),
                Arguments.of("14 Burrow #290/#745: an earlier zero-lag sample does not hide a stop",
                        window("40/40 40/40 40/45 40/50 40/60 40/70 40/80 40/90"), STOP),
                Arguments.of("15 Burrow #58: no commits at all, evaluated at every poll anyway", window("40/41 40/45 40/50 40/55 40/60 40/65 40/70"), STOP),
                Arguments.of("16 stopped consumer that caught up before stopping is OK", window("40/40 40/40 40/40 40/40 40/40 40/40 40/40"), OK),
                Arguments.of("17 no committed offset: unknown, not OK", window("-/10 -/20").owned(), null),
                Arguments.of("18 committed offset appears later: evaluated from then on", window("-/10 5/20 15/20").owned(), OK),
                Arguments.of("19 moving again after a stop is no longer STOP", window("40/50 40/60 40/70 40/80 40/90 40/100 95/110"), OK),
                Arguments.of("20 caught up, then a record just before the poll: not a trend", window("10/10 20/20 30/30 30/31").owned(), OK),
                Arguments.of("21 falling behind from zero counts once lag is above zero throughout", window("10/11 12/20 14/30 15/40").owned(), WARN),
                Arguments.of("22 lag grew over three samples: the shortest trend", window("8/10 12/20 14/30").owned(), WARN),
                Arguments.of("23 lag grew between two samples: one step, not a trend", window("8/10 12/20").owned(), OK),
                Arguments.of("24 a replay that caught up is OK, not REWIND for the rest of the window", window("50/60 10/70 40/80 80/80").owned(), OK),
                Arguments.of("25 re-read past the offset before the rewind: the usual rules again", window("50/60 10/70 40/80 60/90").owned(), OK),
                Arguments.of("26 the latest of two rewinds counts", window("90/100 20/100 95/110 30/110 60/120").owned(), REWIND),
                Arguments.of("27 up then partly back between two polls is a rewind", window("10000/12000 11000/12000 10500/12000").owned(), REWIND));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void status(String name, Partition partition, LagStatus expected) {
        assertEquals(expected, partition.status());
    }

    /** The trend itself, shared by Kafka's WARN and Redis's {@code redis.group.lag-growing}: lags one per sample, oldest first. */
    static Stream<Arguments> trends() {
        double unknown = Double.NaN;
        return Stream.of(
                Arguments.of("T1 growing over three samples", new double[] {2, 5, 9}, true),
                Arguments.of("T2 flat, then larger at the end", new double[] {4, 4, 5}, true),
                Arguments.of("T3 flat", new double[] {4, 4, 4}, false),
                Arguments.of("T4 caught up, then 3 entries just before the poll (0, 0, 0, 0, 3)", new double[] {0, 0, 0, 0, 3}, false),
                Arguments.of("T5 zero in the middle: caught up meanwhile", new double[] {2, 0, 5}, false),
                Arguments.of("T6 shrank once", new double[] {5, 9, 7, 10}, false),
                Arguments.of("T7 unknown in the middle", new double[] {5, unknown, 9}, false),
                Arguments.of("T8 two samples: one step", new double[] {5, 9}, false),
                Arguments.of("T9 no history", new double[] {}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trends")
    void lagGrew(String name, double[] lags, boolean expected) {
        assertEquals(expected, LagEvaluator.lagGrew(lags));
    }

    static Stream<Arguments> timeLags() {
        // Partition history: log end 0 at t=0 s, 100 at t=100 s, 100 at t=200 s, 300 at t=300 s; now = 400 s.
        return Stream.of(
                Arguments.of("1 caught up is 0", 300L, 0L, 0.0),
                Arguments.of("2 record 49 appeared at 50 s: waited 350 s", 49L, 251L, 350.0),
                Arguments.of("3 record 100 appeared at 200.5 s", 100L, 200L, 199.5),
                Arguments.of("4 older than the history: unknown, never extrapolated (kafka-lag-exporter #496)", -5L, 305L, null),
                Arguments.of("5 lag unknown: time lag unknown", 10L, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeLags")
    void lagSeconds(String name, Long next, Long lag, Double expected) {
        long[] times = {0, 100_000, 200_000, 300_000};
        double[] logEnds = {0, 100, 100, 300};
        Double actual = LagEvaluator.lagSeconds(times, logEnds, next, lag, 400_000);
        if (expected == null) {
            assertEquals(null, actual);
        } else {
            assertEquals(expected, actual, 0.01);
        }
    }

    @org.junit.jupiter.api.Test
    void noWritesInTheWindowLeavesTheTimeLagUnknown() {
        assertEquals(null, LagEvaluator.lagSeconds(new long[] {0, 60_000}, new double[] {500, 500}, 400L, 100L, 120_000));
    }
}
