package dev.streamfit.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Severity;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.redis.RedisConsumerSnapshot;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;
import dev.streamfit.history.Rates;

/**
 * Day-to-day health rules of Redis (SPEC: health findings), each a method named after its rule id.
 * Group rules name the stream as the workload and the group; server rules name the server
 * (host:port) as the workload, so the primaries of a cluster are told apart.
 */
@ApplicationScoped
public class RedisHealthEvaluator implements Stage {

    @Inject
    FindingsRegistry findings;
    @Inject
    RedisHistory history;
    @Inject
    StreamFitConfig config;

    @Override
    public StageName stage() {
        return StageName.HEALTH;
    }

    @Override
    public void evaluate(TargetPolled event) {
        event.snapshot().filter(RedisTargetSnapshot.class::isInstance).map(RedisTargetSnapshot.class::cast)
                .ifPresent(snapshot -> findings.evaluate("redis-health", snapshot.target(), evaluate(snapshot), snapshot.collectedAt()));
    }

    List<Observation> evaluate(RedisTargetSnapshot snapshot) {
        List<Observation> observations = new ArrayList<>();
        StreamFitConfig.RedisRules rules = config.rules().redis();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            for (RedisGroupSnapshot group : stream.groups()) {
                fellOffTrim(stream, group, observations);
                stalled(stream, group, rules, observations);
                poison(stream, group, rules, observations);
                lagGrowing(snapshot.target(), stream, group, observations);
            }
        }
        boolean holdsGroups = snapshot.streams().stream().anyMatch(s -> !s.groups().isEmpty());
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            Optional<SampleRing.Samples> samples = history.server(snapshot.target(), server.address());
            memoryPressure(server, rules, observations);
            noLimit(server, holdsGroups, observations);
            samples.ifPresent(s -> evictions(server, s, observations));
            samples.ifPresent(s -> exhaustionProjected(server, s, observations));
            durabilityMismatch(server, holdsGroups, observations);
        }
        return observations;
    }

    /** {@code redis.group.fell-off-trim}: entries trimmed before the group read them. */
    static void fellOffTrim(RedisStreamSnapshot stream, RedisGroupSnapshot group, List<Observation> out) {
        Long lost = group.trimmedBeforeDelivery();
        if (lost != null && lost > 0) {
            out.add(new Observation("redis.group.fell-off-trim", Severity.WARNING, stream.stream(), group.group(), (double) lost, 0.0,
                    lost + " entries of stream " + stream.stream() + " were trimmed before group " + group.group() + " read them"));
        }
    }

    /** {@code redis.group.stalled}: the oldest pending entry idle too long, or entries waiting with no consumer active. */
    static void stalled(RedisStreamSnapshot stream, RedisGroupSnapshot group, StreamFitConfig.RedisRules rules, List<Observation> out) {
        double limit = rules.stalledAfter().toSeconds();
        if (group.oldestPendingIdleSeconds() != null && group.oldestPendingIdleSeconds() > limit) {
            out.add(new Observation("redis.group.stalled", Severity.WARNING, stream.stream(), group.group(), group.oldestPendingIdleSeconds(), limit,
                    "the oldest pending entry of group " + group.group() + " has been idle " + Evidence.duration(group.oldestPendingIdleSeconds())));
        } else if (group.lagSeconds() != null && group.lagSeconds() > limit && !anyConsumerActiveWithin(group, limit)) {
            out.add(new Observation("redis.group.stalled", Severity.WARNING, stream.stream(), group.group(), group.lagSeconds(), limit,
                    "entries have waited " + Evidence.duration(group.lagSeconds()) + " and no consumer of group " + group.group() + " is active"));
        }
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
    static void poison(RedisStreamSnapshot stream, RedisGroupSnapshot group, StreamFitConfig.RedisRules rules, List<Observation> out) {
        if (group.maxDeliveryCount() != null && group.maxDeliveryCount() > rules.poisonDeliveries()) {
            out.add(new Observation("redis.pending.poison", Severity.WARNING, stream.stream(), group.group(), (double) group.maxDeliveryCount(),
                    (double) rules.poisonDeliveries(), "an entry pending in group " + group.group() + " was delivered " + group.maxDeliveryCount() + " times"));
        }
    }

    /** {@code redis.group.lag-growing}: lag grew across the window, never shrinking, over at least three samples. */
    void lagGrowing(TargetId target, RedisStreamSnapshot stream, RedisGroupSnapshot group, List<Observation> out) {
        history.group(target, stream.stream(), group.group()).ifPresent(s -> {
            if (s.size() < 3) {
                return;
            }
            double first = s.values()[0][RedisHistory.GROUP_LAG];
            double previous = first;
            for (double[] v : s.values()) {
                if (Double.isNaN(v[RedisHistory.GROUP_LAG]) || v[RedisHistory.GROUP_LAG] < previous) {
                    return;
                }
                previous = v[RedisHistory.GROUP_LAG];
            }
            if (previous > first) {
                out.add(new Observation("redis.group.lag-growing", Severity.WARNING, stream.stream(), group.group(), previous, first,
                        "lag of group " + group.group() + " grew from " + (long) first + " to " + (long) previous + " across the window"));
            }
        });
    }

    /** {@code redis.memory.pressure}: used_memory at or above memory-pressure × maxmemory. */
    static void memoryPressure(RedisInstanceSnapshot s, StreamFitConfig.RedisRules rules, List<Observation> out) {
        if (s.maxmemory() != null && s.maxmemory() > 0 && s.usedMemory() != null && (double) s.usedMemory() / s.maxmemory() >= rules.memoryPressure()) {
            double share = (double) s.usedMemory() / s.maxmemory();
            out.add(new Observation("redis.memory.pressure", Severity.WARNING, s.address(), null, share, rules.memoryPressure(),
                    "server " + s.address() + " uses " + Evidence.percent(share) + " of maxmemory"));
        }
    }

    /** {@code redis.memory.no-limit}: maxmemory 0 on a server holding consumer groups. */
    static void noLimit(RedisInstanceSnapshot s, boolean holdsGroups, List<Observation> out) {
        if (holdsGroups && s.maxmemory() != null && s.maxmemory() == 0) {
            out.add(new Observation("redis.memory.no-limit", Severity.WARNING, s.address(), null, 0.0, null,
                    "server " + s.address() + " has no memory limit (maxmemory 0) while consumer groups rely on it: it grows until the OS kills it"));
        }
    }

    /** {@code redis.evictions}: keys evicted during the window. */
    static void evictions(RedisInstanceSnapshot s, SampleRing.Samples samples, List<Observation> out) {
        Double rate = Rates.mean(samples, RedisHistory.SERVER_EVICTED_KEYS);
        if (rate != null && rate > 0) {
            double evicted = rate * (samples.times()[samples.size() - 1] - samples.times()[0]) / 1000.0;
            out.add(new Observation("redis.evictions", Severity.CRITICAL, s.address(), null, evicted, 0.0,
                    "server " + s.address() + " evicted " + Math.round(evicted) + " keys in the window"));
        }
    }

    /** {@code redis.memory.exhaustion-projected}: at the window's growth, maxmemory is reached within the horizon. */
    void exhaustionProjected(RedisInstanceSnapshot s, SampleRing.Samples samples, List<Observation> out) {
        Double slope = Rates.slope(samples, RedisHistory.SERVER_USED_MEMORY);
        if (slope == null || slope <= 0 || s.maxmemory() == null || s.maxmemory() == 0 || s.usedMemory() == null) {
            return;
        }
        double seconds = Math.max(0, s.maxmemory() - s.usedMemory()) / slope;
        double horizon = config.advisor().memoryHorizon().toSeconds();
        if (seconds <= horizon) {
            out.add(new Observation("redis.memory.exhaustion-projected", Severity.CRITICAL, s.address(), null, seconds, horizon,
                    "server " + s.address() + " reaches maxmemory in " + Evidence.duration(seconds) + " at " + Evidence.bytes(slope) + "/s"));
        }
    }

    /** {@code redis.durability-mismatch}: consumer groups on a server without persistence or with an allkeys-* policy. */
    static void durabilityMismatch(RedisInstanceSnapshot s, boolean holdsGroups, List<Observation> out) {
        if (!holdsGroups) {
            return;
        }
        if (s.maxmemoryPolicy() != null && s.maxmemoryPolicy().startsWith("allkeys-")) {
            out.add(new Observation("redis.durability-mismatch", Severity.WARNING, s.address(), null, null, null,
                    "consumer groups rely on streams that maxmemory-policy " + s.maxmemoryPolicy() + " on " + s.address() + " may evict"));
        } else if (Boolean.FALSE.equals(s.persistent())) {
            out.add(new Observation("redis.durability-mismatch", Severity.WARNING, s.address(), null, null, null,
                    "consumer groups rely on streams on " + s.address() + ", which has no persistence: a restart loses them"));
        }
    }
}
