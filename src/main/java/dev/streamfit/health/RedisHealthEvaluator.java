package dev.streamfit.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.StaleSubjects;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisInstanceSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/**
 * The HEALTH stage for Redis: gathers each poll's facts from the snapshot and the history, applies
 * {@link RedisHealthRules} (where every Redis rule is written), reports the observations to the
 * findings registry, and keeps, per stream, the server findings that concern it — which the advisor
 * attaches to that stream's verdict as signals. Stale streams and servers are not judged again from
 * an earlier poll's figures: their findings keep their state.
 */
@ApplicationScoped
public class RedisHealthEvaluator implements Stage {

    private static final double[] NO_HISTORY = new double[0];

    @Inject
    FindingsRegistry findings;
    @Inject
    RedisHistory history;
    @Inject
    StreamFitConfig config;

    /**
     * The results of one evaluation: every observation, the server findings by the stream they
     * concern, and the streams and servers it could not judge.
     */
    record Evaluation(List<Observation> observations, Map<String, List<Observation>> concerning, StaleSubjects stale) {
    }

    private final Map<TargetId, Map<String, List<Observation>>> concerning = new ConcurrentHashMap<>();

    @Override
    public StageName stage() {
        return StageName.HEALTH;
    }

    @Override
    public void evaluate(TargetPolled event) {
        if (event.snapshot().isEmpty()) {
            concerning.remove(event.status().id());
            return;
        }
        event.snapshot().filter(RedisTargetSnapshot.class::isInstance).map(RedisTargetSnapshot.class::cast).ifPresent(snapshot -> {
            Evaluation evaluation = evaluate(snapshot);
            concerning.put(snapshot.target(), evaluation.concerning());
            findings.evaluate("redis-health", snapshot.target(), evaluation.observations(), evaluation.stale(), snapshot.collectedAt());
        });
    }

    @Override
    public void forget(TargetId target) {
        concerning.remove(target);
    }

    /** The server findings of the target's latest poll that concern {@code stream} (see {@link ServerFinding}). */
    public List<Observation> concerning(TargetId target, String stream) {
        return concerning.getOrDefault(target, Map.of()).getOrDefault(stream, List.of());
    }

    Evaluation evaluate(RedisTargetSnapshot snapshot) {
        List<Observation> observations = new ArrayList<>();
        StreamFitConfig.RedisRules rules = config.rules().redis();
        Set<String> stale = new HashSet<>();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            if (stream.stale()) {
                stale.add(stream.stream());
                continue;
            }
            for (RedisGroupSnapshot group : stream.groups()) {
                double[] lags = history.readGroup(snapshot.target(), stream.stream(), group.group(), RedisHealthRules::lags).orElse(NO_HISTORY);
                RedisHealthRules.groupRules(stream, group, lags, rules, observations);
            }
        }
        Map<String, List<Observation>> byStream = new HashMap<>();
        for (RedisInstanceSnapshot server : snapshot.instances()) {
            if (server.stale()) {
                stale.add(server.address());
                continue;
            }
            for (ServerFinding finding : RedisHealthRules.serverRules(facts(snapshot, server), config)) {
                observations.add(finding.observation());
                finding.streams().forEach(stream -> byStream.computeIfAbsent(stream, s -> new ArrayList<>(1)).add(finding.observation()));
            }
        }
        return new Evaluation(observations, byStream, StaleSubjects.workloads(stale));
    }

    private RedisHealthRules.ServerFacts facts(RedisTargetSnapshot snapshot, RedisInstanceSnapshot server) {
        TargetId target = snapshot.target();
        List<RedisStreamSnapshot> on = snapshot.streams().stream()
                .filter(s -> s.shard() == null || s.shard().equals(server.address())).toList();
        Duration longRetention = config.advisor().longRetention();
        return new RedisHealthRules.ServerFacts(server,
                history.readServer(target, server.address(), RedisHealthRules::evictedInWindow).orElse(null),
                history.readServer(target, server.address(), RedisHealthRules::usedMemoryGrowth).orElse(null),
                on.stream().filter(s -> !s.groups().isEmpty()).map(RedisStreamSnapshot::stream).toList(),
                () -> on.stream().filter(s -> history.readStream(target, s.stream(), RedisHealthRules::memoryGrew).orElse(false))
                        .map(RedisStreamSnapshot::stream).toList(),
                () -> on.stream().filter(s -> RedisHealthRules.keptLikeALog(RedisHealthRules.neverTrimmed(s), s.oldestEntryAgeSeconds(),
                        () -> replayed(target, s), longRetention)).map(RedisStreamSnapshot::stream).toList());
    }

    /** A group of the stream moved its last-delivered-id back in the window. */
    private boolean replayed(TargetId target, RedisStreamSnapshot stream) {
        for (RedisGroupSnapshot group : stream.groups()) {
            if (history.readGroup(target, stream.stream(), group.group(), RedisHealthRules::lastDeliveredMovedBack).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
