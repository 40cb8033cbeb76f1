package dev.streamfit.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.history.Rates;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.lag.LagEvaluator;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;

/**
 * The Redis health rules (SPEC: health findings) — the one place where each Redis rule's condition,
 * threshold and formula is written: a method per {@link Rule}, named after its id, pure functions of
 * a poll's facts and of figures from the history. {@link RedisHealthEvaluator} gathers the facts and
 * reports the results; the advisor attaches the server rules that weigh on verdicts to the streams
 * they concern ({@link ServerFinding}) instead of judging them again.
 * <p>
 * Group rules name the stream as the workload, and the group. Server rules name the server
 * (host:port) as the workload, so the primaries of a cluster are told apart, and judge each server by
 * the streams on it.
 */
public final class RedisHealthRules {

    private RedisHealthRules() {
    }

    // ---- group rules ----------------------------------------------------------------------------

    /**
     * Adds every group rule that holds to {@code out}, in a fixed order (one call per group and poll:
     * no list of its own).
     *
     * @param lags the group's lag history, see {@link #lags}
     */
    public static void groupRules(RedisStreamSnapshot stream, RedisGroupSnapshot group, double[] lags, StreamFitConfig.RedisRules rules,
            List<Observation> out) {
        fellOffTrim(stream, group).ifPresent(out::add);
        stalled(stream, group, rules.stalledAfter()).ifPresent(out::add);
        poison(stream, group, rules.poisonDeliveries()).ifPresent(out::add);
        lagGrowing(stream, group, lags).ifPresent(out::add);
    }

    /** {@code redis.group.fell-off-trim}: entries trimmed before the group read them. */
    public static Optional<Observation> fellOffTrim(RedisStreamSnapshot stream, RedisGroupSnapshot group) {
        Long lost = group.trimmedBeforeDelivery();
        if (lost == null || lost <= 0) {
            return Optional.empty();
        }
        return Optional.of(Observation.of(Rule.REDIS_GROUP_FELL_OFF_TRIM, stream.stream(), group.group(), (double) lost, 0.0,
                lost + " entries of stream " + stream.stream() + " were trimmed before group " + group.group() + " read them"));
    }

    /**
     * {@code redis.group.stalled}: the oldest pending entry idle longer than stalled-after, or entries
     * waiting longer than that while no consumer of the group was active within it.
     */
    public static Optional<Observation> stalled(RedisStreamSnapshot stream, RedisGroupSnapshot group, Duration stalledAfter) {
        double limit = stalledAfter.toSeconds();
        if (group.oldestPendingIdleSeconds() != null && group.oldestPendingIdleSeconds() > limit) {
            return Optional.of(Observation.of(Rule.REDIS_GROUP_STALLED, stream.stream(), group.group(), group.oldestPendingIdleSeconds(), limit,
                    "the oldest pending entry of group " + group.group() + " has been idle " + Evidence.duration(group.oldestPendingIdleSeconds())));
        }
        if (group.lagSeconds() != null && group.lagSeconds() > limit && !anyConsumerActiveWithin(group, limit)) {
            return Optional.of(Observation.of(Rule.REDIS_GROUP_STALLED, stream.stream(), group.group(), group.lagSeconds(), limit,
                    "entries have waited " + Evidence.duration(group.lagSeconds()) + " and no consumer of group " + group.group() + " is active"));
        }
        return Optional.empty();
    }

    private static boolean anyConsumerActiveWithin(RedisGroupSnapshot group, double seconds) {
        if (group.consumerDetails() == null) {
            return false;
        }
        for (RedisConsumerSnapshot c : group.consumerDetails()) {
            if ((c.inactiveSeconds() != null ? c.inactiveSeconds() : c.idleSeconds()) < seconds) {
                return true;
            }
        }
        return false;
    }

    /** {@code redis.pending.poison}: the oldest pending entry delivered more than poison-deliveries times. */
    public static Optional<Observation> poison(RedisStreamSnapshot stream, RedisGroupSnapshot group, long poisonDeliveries) {
        if (group.oldestPendingDeliveries() == null || group.oldestPendingDeliveries() <= poisonDeliveries) {
            return Optional.empty();
        }
        return Optional.of(Observation.of(Rule.REDIS_PENDING_POISON, stream.stream(), group.group(), (double) group.oldestPendingDeliveries(),
                (double) poisonDeliveries, "an entry pending in group " + group.group() + " was delivered " + group.oldestPendingDeliveries() + " times"));
    }

    /** {@code redis.group.lag-growing}: the group's lag grew across the window, by the same trend as Kafka's WARN ({@link LagEvaluator#lagGrew}). */
    public static Optional<Observation> lagGrowing(RedisStreamSnapshot stream, RedisGroupSnapshot group, double[] lags) {
        if (!LagEvaluator.lagGrew(lags)) {
            return Optional.empty();
        }
        double first = lags[0];
        double last = lags[lags.length - 1];
        return Optional.of(Observation.of(Rule.REDIS_GROUP_LAG_GROWING, stream.stream(), group.group(), last, first,
                "lag of group " + group.group() + " grew from " + (long) first + " to " + (long) last + " across the window"));
    }

    // ---- server rules ---------------------------------------------------------------------------

    /**
     * What the server rules know of one server: its INFO, figures from its history (null while
     * unknown) and the streams on it — the costlier lists computed only when a rule asks for them.
     *
     * @param evictedInWindow     {@link #evictedInWindow}
     * @param usedMemoryGrowth    {@link #usedMemoryGrowth}, bytes/s
     * @param streamsWithGroups   the streams on the server that hold consumer groups
     * @param streamsGrown        the streams on the server whose memory grew in the window ({@link #memoryGrew})
     * @param streamsKeptLikeALog the streams on the server kept like a log ({@link #keptLikeALog})
     */
    public record ServerFacts(RedisInstanceSnapshot server, Double evictedInWindow, Double usedMemoryGrowth, List<String> streamsWithGroups,
            Supplier<List<String>> streamsGrown, Supplier<List<String>> streamsKeptLikeALog) {
    }

    /** Every server rule that holds, in a fixed order. */
    public static List<ServerFinding> serverRules(ServerFacts f, StreamFitConfig config) {
        List<ServerFinding> out = new ArrayList<>(0);
        memoryPressure(f.server(), config.rules().redis().memoryPressure()).ifPresent(out::add);
        noLimit(f.server(), f.streamsWithGroups()).ifPresent(out::add);
        evictions(f.server(), f.evictedInWindow(), f.streamsWithGroups()).ifPresent(out::add);
        exhaustionProjected(f.server(), f.usedMemoryGrowth(), config.advisor().memoryHorizon(), f.streamsGrown()).ifPresent(out::add);
        durabilityMismatch(f.server(), f.streamsWithGroups(), f.streamsKeptLikeALog()).ifPresent(out::add);
        return out;
    }

    /** {@code redis.memory.pressure}: used_memory at or above memory-pressure × maxmemory. */
    public static Optional<ServerFinding> memoryPressure(RedisInstanceSnapshot s, double threshold) {
        if (s.maxmemory() == null || s.maxmemory() <= 0 || s.usedMemory() == null) {
            return Optional.empty();
        }
        double share = (double) s.usedMemory() / s.maxmemory();
        if (share < threshold) {
            return Optional.empty();
        }
        return Optional.of(ServerFinding.of(Observation.of(Rule.REDIS_MEMORY_PRESSURE, s.address(), null, share, threshold,
                "server " + s.address() + " uses " + Evidence.percent(share) + " of maxmemory")));
    }

    /** {@code redis.memory.no-limit}: maxmemory 0 on a server whose streams hold consumer groups. */
    public static Optional<ServerFinding> noLimit(RedisInstanceSnapshot s, List<String> streamsWithGroups) {
        if (streamsWithGroups.isEmpty() || s.maxmemory() == null || s.maxmemory() != 0) {
            return Optional.empty();
        }
        return Optional.of(ServerFinding.of(Observation.of(Rule.REDIS_MEMORY_NO_LIMIT, s.address(), null, 0.0, null,
                "server " + s.address() + " has no memory limit (maxmemory 0) while consumer groups rely on it: it grows until the OS kills it")));
    }

    /**
     * {@code redis.evictions}: the server evicted keys in the window while streams on it hold consumer
     * groups. Concerns those streams: evictions are a capacity signal on each (SPEC: OUTGROWN_REDIS).
     */
    public static Optional<ServerFinding> evictions(RedisInstanceSnapshot s, Double evictedInWindow, List<String> streamsWithGroups) {
        if (evictedInWindow == null || evictedInWindow <= 0 || streamsWithGroups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerFinding(Observation.of(Rule.REDIS_EVICTIONS, s.address(), null, evictedInWindow, 0.0,
                "server " + s.address() + " evicted " + Math.round(evictedInWindow) + " keys in the window while consumer groups rely on "
                        + Evidence.some(streamsWithGroups, "stream", "streams") + " on it"),
                streamsWithGroups));
    }

    /**
     * {@code redis.memory.exhaustion-projected}: at the window's growth of used_memory, the server reaches
     * maxmemory within the horizon ({@link #secondsToMaxmemory}). Concerns the streams on it that grew
     * in the window: a stream that does not grow is not what fills the server.
     */
    public static Optional<ServerFinding> exhaustionProjected(RedisInstanceSnapshot s, Double usedMemoryGrowth, Duration horizon,
            Supplier<List<String>> streamsGrown) {
        Double seconds = secondsToMaxmemory(s, usedMemoryGrowth);
        double limit = horizon.toSeconds();
        if (seconds == null || seconds > limit) {
            return Optional.empty();
        }
        return Optional.of(new ServerFinding(Observation.of(Rule.REDIS_MEMORY_EXHAUSTION_PROJECTED, s.address(), null, seconds, limit,
                "server " + s.address() + " reaches maxmemory in " + Evidence.duration(seconds) + " at " + Evidence.bytes(usedMemoryGrowth) + "/s"),
                streamsGrown.get()));
    }

    /**
     * {@code redis.durability-mismatch} (SPEC: verdicts): consumer groups on streams that an
     * {@code allkeys-*} policy may evict, or streams kept like a log ({@link #keptLikeALog}) on a server
     * whose persistence is proven off. Unknown persistence never raises it. Concerns exactly those
     * streams.
     */
    public static Optional<ServerFinding> durabilityMismatch(RedisInstanceSnapshot s, List<String> streamsWithGroups,
            Supplier<List<String>> streamsKeptLikeALog) {
        // Insertion-ordered and hashed: a server may hold 10,000 streams.
        Set<String> concerned = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>();
        String policy = s.maxmemoryPolicy();
        if (policy != null && policy.startsWith("allkeys-") && !streamsWithGroups.isEmpty()) {
            concerned.addAll(streamsWithGroups);
            reasons.add("consumer groups rely on " + Evidence.some(streamsWithGroups, "stream", "streams") + " that maxmemory-policy " + policy
                    + " on " + s.address() + " may evict");
        }
        if (Boolean.FALSE.equals(s.persistent())) {
            List<String> logs = streamsKeptLikeALog.get();
            if (!logs.isEmpty()) {
                concerned.addAll(logs);
                reasons.add(Evidence.some(logs, "stream", "streams") + " kept like a log (never trimmed, old or replayed) on " + s.address()
                        + ", which has no persistence: a restart loses them");
            }
        }
        if (concerned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerFinding(Observation.of(Rule.REDIS_DURABILITY_MISMATCH, s.address(), null, (double) concerned.size(), null,
                String.join("; ", reasons)), List.copyOf(concerned)));
    }

    /**
     * A stream kept like a log (SPEC: durability mismatch): never trimmed, or its oldest entry at least
     * long-retention old, or replayed — a group moved its last-delivered-id back in the window
     * ({@link #lastDeliveredMovedBack}). A log is what a restart without persistence would lose.
     */
    public static boolean keptLikeALog(Boolean neverTrimmed, Double oldestAgeSeconds, BooleanSupplier replayed, Duration longRetention) {
        return Boolean.TRUE.equals(neverTrimmed) || (oldestAgeSeconds != null && oldestAgeSeconds >= longRetention.toSeconds())
                || replayed.getAsBoolean();
    }

    // ---- formulas over a poll and the history ----------------------------------------------------

    /** Seconds until used_memory reaches maxmemory at {@code growth} bytes/s; null when not growing or not limited. */
    public static Double secondsToMaxmemory(RedisInstanceSnapshot s, Double growth) {
        if (growth == null || growth <= 0 || s.maxmemory() == null || s.maxmemory() == 0 || s.usedMemory() == null) {
            return null;
        }
        return Math.max(0, s.maxmemory() - s.usedMemory()) / growth;
    }

    /** Keys the server evicted during the window: the evicted_keys counter's rate times the window's span. Null with fewer than two samples. */
    public static Double evictedInWindow(SampleRing.Samples server) {
        Double rate = Rates.mean(server, RedisHistory.SERVER_EVICTED_KEYS);
        return rate == null ? null : rate * server.observedMillis() / 1000.0;
    }

    /** Least-squares growth of the server's used_memory over the window, bytes/s. */
    public static Double usedMemoryGrowth(SampleRing.Samples server) {
        return Rates.slope(server, RedisHistory.SERVER_USED_MEMORY);
    }

    /** The stream's own memory grew over the window (least-squares slope above zero). */
    public static boolean memoryGrew(SampleRing.Samples stream) {
        Double slope = Rates.slope(stream, RedisHistory.STREAM_MEMORY);
        return slope != null && slope > 0;
    }

    /** The group's lag at each sample of its history, oldest first; NaN where unknown. */
    public static double[] lags(SampleRing.Samples group) {
        double[] lags = new double[group.size()];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = group.known(i, RedisHistory.GROUP_LAG) ? group.exact(i, RedisHistory.GROUP_LAG) : Double.NaN;
        }
        return lags;
    }

    /** The group's last-delivered-id (ms, seq) went down between two samples: XGROUP SETID backwards. */
    public static boolean lastDeliveredMovedBack(SampleRing.Samples group) {
        for (int i = 1; i < group.size(); i++) {
            if (RedisHistory.deliveredMovedBack(group, i)) {
                return true;
            }
        }
        return false;
    }

    /** Entries-added equals length and nothing was deleted; null before Redis 7, which reports neither. */
    public static Boolean neverTrimmed(RedisStreamSnapshot stream) {
        if (stream.entriesAdded() == null || stream.maxDeletedEntryId() == null) {
            return null;
        }
        return stream.entriesAdded() == stream.length() && "0-0".equals(stream.maxDeletedEntryId());
    }
}
