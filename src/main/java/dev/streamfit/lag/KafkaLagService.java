package dev.streamfit.lag;

import java.time.Duration;
import java.time.Instant;
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
import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.history.StateChanges;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaLag;
import dev.streamfit.kafka.KafkaPartitionSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;

/**
 * The lag stage: evaluates every group-partition of a Kafka target at every poll (lag, time lag,
 * Burrow-style status) and keeps the latest results for the health rules, the advisor, the API
 * and the metrics. A stale group, or a group's partitions of a stale topic, are not evaluated from
 * an earlier poll's figures as if they were new: they keep the previous evaluation's results (unknown
 * when there is none), and the group is marked stale.
 */
@ApplicationScoped
public class KafkaLagService implements Stage {

    @Inject
    KafkaHistory history;
    @Inject
    StreamFitConfig config;

    private final Map<TargetId, List<KafkaGroupLag>> latest = new ConcurrentHashMap<>();

    /** A group on one of its topics: the report page marks when its status there (its worst partition's) changed. */
    public record GroupOnTopic(String group, String topic) {
    }

    private final StateChanges<GroupOnTopic> statusChanges = new StateChanges<>();

    @Override
    public StageName stage() {
        return StageName.LAG;
    }

    @Override
    public void evaluate(TargetPolled event) {
        if (event.snapshot().isEmpty()) {
            latest.remove(event.status().id());
            return;
        }
        event.snapshot().filter(KafkaTargetSnapshot.class::isInstance).map(KafkaTargetSnapshot.class::cast).ifPresent(snapshot -> {
            List<KafkaGroupLag> groups = evaluate(snapshot);
            latest.put(snapshot.target(), groups);
        });
    }

    @Override
    public void forget(TargetId target) {
        latest.remove(target);
    }

    public Optional<List<KafkaGroupLag>> groups(TargetId target) {
        return Optional.ofNullable(latest.get(target));
    }

    /** When the group's status on the topic changed within the window, oldest first (its first status is no change). */
    public List<StateChanges.Change> statusChanges(TargetId target, String group, String topic) {
        return statusChanges.changes(target, new GroupOnTopic(group, topic));
    }

    List<KafkaGroupLag> evaluate(KafkaTargetSnapshot snapshot) {
        Duration stopAfter = config.rules().kafka().stopAfter();
        long now = snapshot.collectedAt().toEpochMilli();
        Map<String, KafkaPartitionSnapshot> partitions = new HashMap<>();
        for (KafkaTopicSnapshot topic : snapshot.topics()) {
            topic.partitions().forEach(p -> partitions.put(topic.topic() + "\u0000" + p.partition(), p));
        }
        Map<String, String> staleTopics = Staleness.reasons(snapshot.topics(), KafkaTopicSnapshot::topic);
        Map<String, KafkaGroupLag> before = new HashMap<>();
        latest.getOrDefault(snapshot.target(), List.of()).forEach(g -> before.put(g.group(), g));
        // Every group on a partition interpolates from the same log-end history: read it once per partition, not per group.
        Map<String, Optional<LogEndHistory>> logEnds = new HashMap<>();
        List<KafkaGroupLag> results = new ArrayList<>();
        Set<GroupOnTopic> listed = new HashSet<>();
        for (KafkaGroupSnapshot group : snapshot.groups()) {
            String lastTopic = null;
            for (KafkaGroupSnapshot.Committed c : group.committed()) {
                // A group's offsets come topic by topic: one key per topic, not per partition.
                if (!c.topic().equals(lastTopic)) {
                    listed.add(new GroupOnTopic(group.group(), c.topic()));
                    lastTopic = c.topic();
                }
            }
            KafkaGroupLag earlier = before.get(group.group());
            if (group.stale() && earlier != null) {
                results.add(earlier.stale(group.staleReason()));
                continue;
            }
            Set<String> assigned = new HashSet<>();
            group.assigned().forEach(a -> assigned.add(a.topic() + "\u0000" + a.partition()));
            List<KafkaPartitionLag> partitionLags = new ArrayList<>();
            Map<String, KafkaPartitionLag> earlierPartitions = new HashMap<>();
            if (earlier != null && !staleTopics.isEmpty()) {
                // Only a group on a stale topic reads earlier results.
                earlier.partitions().forEach(p -> earlierPartitions.put(p.topic() + "\u0000" + p.partition(), p));
            }
            String staleReason = group.staleReason();
            Map<String, LagStatus> observedOnTopic = new HashMap<>();
            Set<String> unknownOnTopic = new HashSet<>();
            for (KafkaGroupSnapshot.Committed c : group.committed()) {
                String key = c.topic() + "\u0000" + c.partition();
                KafkaPartitionSnapshot p = partitions.get(key);
                if (p == null) {
                    continue; // topic deleted while the poll ran
                }
                String unknownBecause = group.stale() ? group.staleReason() : staleTopics.get(c.topic());
                if (unknownBecause != null) {
                    staleReason = staleReason == null ? unknownBecause : staleReason;
                    KafkaPartitionLag kept = earlierPartitions.get(key);
                    partitionLags.add(kept != null ? kept : new KafkaPartitionLag(c.topic(), c.partition(), c.offset(), null, null, null, null, null));
                    continue;
                }
                Optional<LogEndHistory> logEnd = logEnds.computeIfAbsent(key, k -> history.readPartition(snapshot.target(), c.topic(), c.partition(),
                        s -> new LogEndHistory(s.times(), column(s, KafkaHistory.PARTITION_LOG_END))));
                KafkaPartitionLag evaluated = evaluatePartition(snapshot.target(), group.group(), c, p, logEnd, assigned.contains(key), stopAfter, now);
                partitionLags.add(evaluated);
                if (evaluated.status() == null) {
                    unknownOnTopic.add(c.topic());
                } else {
                    observedOnTopic.merge(c.topic(), evaluated.status(), LagStatus::worst);
                }
            }
            // A topic where any partition's status is unknown has no known status: no state, no change.
            unknownOnTopic.forEach(observedOnTopic::remove);
            recordStatuses(snapshot.target(), group.group(), observedOnTopic, snapshot.collectedAt());
            results.add(summarize(group, partitionLags, staleReason));
        }
        statusChanges.retain(snapshot.target(), listed);
        return List.copyOf(results);
    }

    /** The group's status on each topic this poll observed (its worst partition's there), for the changes the page marks. */
    private void recordStatuses(TargetId target, String group, Map<String, LagStatus> observedOnTopic, Instant at) {
        Duration window = config.advisor().window();
        observedOnTopic.forEach((topic, status) -> statusChanges.record(target, new GroupOnTopic(group, topic), status.name(), at, window));
    }

    /** A partition's observed (time, log-end offset) samples, oldest first. */
    private record LogEndHistory(long[] times, double[] logEnds) {
    }

    private KafkaPartitionLag evaluatePartition(TargetId target, String group, KafkaGroupSnapshot.Committed c, KafkaPartitionSnapshot p,
            Optional<LogEndHistory> logEnd, boolean memberAssigned, Duration stopAfter, long now) {
        Long lag = KafkaLag.of(c.offset(), p.logStartOffset(), p.logEndOffset());
        List<LagEvaluator.Point> window = new ArrayList<>();
        history.readGroupPartition(target, group, c.topic(), c.partition(), samples -> {
            for (int i = 0; i < samples.size(); i++) {
                window.add(new LagEvaluator.Point(samples.time(i), exactOrNull(samples, i, KafkaHistory.GROUP_COMMITTED),
                        exactOrNull(samples, i, KafkaHistory.GROUP_LAG)));
            }
            return window;
        });
        if (window.isEmpty() || window.get(window.size() - 1).timeMillis() != now) {
            window.add(new LagEvaluator.Point(now, c.offset(), lag));
        }
        LagStatus status = LagEvaluator.status(window, p.logStartOffset(), memberAssigned, stopAfter);
        Double lagSeconds = logEnd
                .map(h -> LagEvaluator.lagSeconds(h.times(), h.logEnds(), next(c.offset(), p.logStartOffset()), lag, now))
                .orElse(lag != null && lag == 0 ? 0.0 : null);
        return new KafkaPartitionLag(c.topic(), c.partition(), c.offset(), p.logStartOffset(), p.logEndOffset(), lag, lagSeconds, status);
    }

    private static Long next(Long committed, Long logStart) {
        if (committed == null) {
            return null;
        }
        return logStart == null ? committed : Math.max(committed, logStart);
    }

    private static Long exactOrNull(SampleRing.Samples samples, int sample, int column) {
        return samples.known(sample, column) ? samples.exact(sample, column) : null;
    }

    /** One column for interpolation, NaN where unknown, without building the doubles of every column. */
    private static double[] column(SampleRing.Samples samples, int column) {
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = samples.known(i, column) ? samples.exact(i, column) : Double.NaN;
        }
        return values;
    }

    private static KafkaGroupLag summarize(KafkaGroupSnapshot group, List<KafkaPartitionLag> partitions, String staleReason) {
        LagStatus status = null;
        Long lag = partitions.isEmpty() ? null : 0L;
        Double lagSeconds = partitions.isEmpty() ? null : 0.0;
        for (KafkaPartitionLag p : partitions) {
            status = LagStatus.worst(status, p.status());
            lag = lag == null || p.lag() == null ? null : lag + p.lag();
            boolean waiting = p.lag() == null || p.lag() > 0;
            if (waiting && p.lagSeconds() == null) {
                lagSeconds = null;
            } else if (lagSeconds != null && p.lagSeconds() != null) {
                lagSeconds = Math.max(lagSeconds, p.lagSeconds());
            }
        }
        return new KafkaGroupLag(group.group(), group.state(), group.members(), status, lag, lagSeconds, List.copyOf(partitions), staleReason);
    }
}
