package dev.streamfit.lag;

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
 * named case. A window is written as "committed/logEnd" pairs, one per minute, oldest first;
 * stop-after is 5 minutes; log start 0 unless the case says otherwise.
 */
class LagEvaluatorTest {

    private static final Duration STOP_AFTER = Duration.ofMinutes(5);

    /** "c/e c/e ..." one sample a minute; "-" for an unknown committed offset. */
    static List<Point> window(String samples) {
        List<Point> points = new ArrayList<>();
        String[] parts = samples.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String[] ce = parts[i].split("/");
            Long committed = ce[0].equals("-") ? null : Long.valueOf(ce[0]);
            long logEnd = Long.parseLong(ce[1]);
            Long lag = committed == null ? null : Math.max(logEnd - committed, 0);
            points.add(new Point(i * 60_000L, committed, lag));
        }
        return points;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("1 caught up", "10/10 20/20 30/30", 0L, false, LagStatus.OK),
                Arguments.of("2 consuming with steady lag", "5/10 15/20 25/30", 0L, true, LagStatus.OK),
                Arguments.of("3 lag grew across the window", "8/10 12/20 14/30 15/40", 0L, true, LagStatus.WARN),
                Arguments.of("4 lag grew then shrank: not WARN", "8/10 12/20 28/30 35/40", 0L, true, LagStatus.OK),
                Arguments.of("5 single sample with lag: nothing to compare", "5/10", 0L, true, LagStatus.OK),
                Arguments.of("6 committed offset moved backwards", "50/60 60/70 10/80", 0L, true, LagStatus.REWIND),
                Arguments.of("7 rewind earlier in the window still shows", "50/60 10/70 20/80 30/90", 0L, true, LagStatus.REWIND),
                Arguments.of("8 committed below log start: lost to retention", "10/100 10/100", 50L, false, LagStatus.ERR),
                Arguments.of("9 ERR outranks REWIND", "60/100 10/100", 50L, true, LagStatus.ERR),
                Arguments.of("10 no member, offset still for 6 min, log end advancing", "40/50 40/60 40/70 40/80 40/90 40/100 40/110", 0L, false, LagStatus.STOP),
                Arguments.of("11 member owns it, offset still for 6 min: STALL", "40/50 40/60 40/70 40/80 40/90 40/100 40/110", 0L, true, LagStatus.STALL),
                Arguments.of("12 offset still for only 4 min: not yet STOP", "40/50 40/60 40/70 40/80 40/90", 0L, false, LagStatus.WARN),
                Arguments.of("13 offset still, log end still (producer idle, no member): not STOP", "40/50 40/50 40/50 40/50 40/50 40/50 40/50", 0L, false, LagStatus.OK),
                Arguments.of("14 Burrow #290/#745: an earlier zero-lag sample does not hide a stop",
                        "40/40 40/40 40/45 40/50 40/60 40/70 40/80 40/90", 0L, false, LagStatus.STOP),
                Arguments.of("15 Burrow #58: no commits at all, evaluated at every poll anyway",
                        "40/41 40/45 40/50 40/55 40/60 40/65 40/70", 0L, false, LagStatus.STOP),
                Arguments.of("16 stopped consumer that caught up before stopping is OK", "40/40 40/40 40/40 40/40 40/40 40/40 40/40", 0L, false, LagStatus.OK),
                Arguments.of("17 no committed offset: unknown, not OK", "-/10 -/20", 0L, true, null),
                Arguments.of("18 committed offset appears later: evaluated from then on", "-/10 5/20 15/20", 0L, true, LagStatus.OK),
                Arguments.of("19 moving again after a stop is no longer STOP", "40/50 40/60 40/70 40/80 40/90 40/100 95/110", 0L, false, LagStatus.OK),
                Arguments.of("20 caught up, then a record just before the poll: not a trend", "10/10 20/20 30/30 30/31", 0L, true, LagStatus.OK),
                Arguments.of("21 falling behind from zero counts once lag is above zero throughout", "10/11 12/20 14/30 15/40", 0L, true, LagStatus.WARN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void status(String name, String samples, Long logStart, boolean memberAssigned, LagStatus expected) {
        assertEquals(expected, LagEvaluator.status(window(samples), logStart, memberAssigned, STOP_AFTER));
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
