package dev.streamfit.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.Rates;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.SampleRing;
import dev.streamfit.kafka.KafkaGroupSnapshot;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.lag.LagEvaluator;
import dev.streamfit.poll.TargetId;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/**
 * A workload's history for the API and the report page's charts, from copies of its rings
 * ({@code RedisHistory.stream/group}, {@code KafkaHistory.topic/partition/groupPartition}: immutable,
 * safe on an HTTP thread while the evaluation lane records the next poll) and the verdict and status
 * changes the advisor and the lag stage keep. Which groups a workload has comes from the target's
 * latest snapshot.
 */
@ApplicationScoped
public class WorkloadHistoryService {

    @Inject
    StreamFitConfig config;
    @Inject
    RedisHistory redisHistory;
    @Inject
    KafkaHistory kafkaHistory;
    @Inject
    KafkaLagService lag;
    @Inject
    AdvisorService advisor;

    /** The stream's history; empty when the snapshot does not list it. */
    public Optional<RedisStreamHistory> redis(RedisTargetSnapshot snapshot, String name) {
        TargetId target = snapshot.target();
        return snapshot.streams().stream().filter(s -> s.stream().equals(name)).findFirst().map(stream -> {
            SampleRing.Samples s = redisHistory.stream(target, name).orElse(SampleColumns.NONE);
            RedisStreamHistory.StreamSamples own = new RedisStreamHistory.StreamSamples(s.times(), SampleColumns.exact(s, RedisHistory.STREAM_LENGTH),
                    SampleColumns.exact(s, RedisHistory.STREAM_MEMORY), SampleColumns.exact(s, RedisHistory.STREAM_ENTRIES_ADDED),
                    Rates.perSample(s, RedisHistory.STREAM_ENTRIES_ADDED));
            List<RedisStreamHistory.GroupSamples> groups = stream.groups().stream().map(RedisGroupSnapshot::group).sorted()
                    .map(group -> redisGroup(target, stream, group)).toList();
            return new RedisStreamHistory("redis", target.name(), name, windowSeconds(), own, groups, advisor.verdictChanges(target, name),
                    stream.staleReason());
        });
    }

    private RedisStreamHistory.GroupSamples redisGroup(TargetId target, RedisStreamSnapshot stream, String group) {
        SampleRing.Samples s = redisHistory.group(target, stream.stream(), group).orElse(SampleColumns.NONE);
        List<RedisStreamHistory.Rewind> rewinds = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            if (RedisHistory.deliveredMovedBack(s, i)) {
                rewinds.add(new RedisStreamHistory.Rewind(Instant.ofEpochMilli(s.time(i)), deliveredId(s, i - 1), deliveredId(s, i)));
            }
        }
        return new RedisStreamHistory.GroupSamples(group, s.times(), SampleColumns.exact(s, RedisHistory.GROUP_LAG),
                SampleColumns.seconds(s, RedisHistory.GROUP_LAG_MILLIS), SampleColumns.exact(s, RedisHistory.GROUP_PENDING), List.copyOf(rewinds));
    }

    private static String deliveredId(SampleRing.Samples s, int sample) {
        return Long.toUnsignedString(s.exact(sample, RedisHistory.GROUP_DELIVERED_MS)) + "-"
                + Long.toUnsignedString(s.exact(sample, RedisHistory.GROUP_DELIVERED_SEQ));
    }

    /** The topic's history; empty when the snapshot does not list it. */
    public Optional<KafkaTopicHistory> kafka(KafkaTargetSnapshot snapshot, String name) {
        TargetId target = snapshot.target();
        return snapshot.topics().stream().filter(t -> t.topic().equals(name)).findFirst().map(topic -> {
            SampleRing.Samples s = kafkaHistory.topic(target, name).orElse(SampleColumns.NONE);
            KafkaTopicHistory.TopicSamples own = new KafkaTopicHistory.TopicSamples(s.times(), Rates.perSample(s, KafkaHistory.TOPIC_LOG_END_SUM),
                    SampleColumns.exact(s, KafkaHistory.TOPIC_RETAINED_RECORDS), SampleColumns.exact(s, KafkaHistory.TOPIC_SIZE));
            // The group's partitions of this topic, by group name.
            Map<String, List<Integer>> partitionsByGroup = new TreeMap<>();
            for (KafkaGroupSnapshot group : snapshot.groups()) {
                for (KafkaGroupSnapshot.Committed c : group.committed()) {
                    if (c.topic().equals(name)) {
                        partitionsByGroup.computeIfAbsent(group.group(), g -> new ArrayList<>()).add(c.partition());
                    }
                }
            }
            Map<Integer, LogEnds> logEnds = new HashMap<>();
            for (var p : topic.partitions()) {
                kafkaHistory.partition(target, name, p.partition()).ifPresent(samples -> logEnds.put(p.partition(), new LogEnds(samples)));
            }
            List<KafkaTopicHistory.GroupSamples> groups = partitionsByGroup.entrySet().stream()
                    .map(e -> kafkaGroup(target, topic, e.getKey(), e.getValue(), logEnds)).toList();
            return new KafkaTopicHistory("kafka", target.name(), name, windowSeconds(), own, groups, advisor.verdictChanges(target, name),
                    topic.staleReason());
        });
    }

    /** A partition's log-end history: what time lag is interpolated from, and the log end at each poll. */
    private static final class LogEnds {
        private final long[] times;
        private final double[] values;
        private final Map<Long, Long> byTime = new HashMap<>();

        LogEnds(SampleRing.Samples s) {
            times = s.times();
            values = new double[s.size()];
            for (int i = 0; i < values.length; i++) {
                boolean known = s.known(i, KafkaHistory.PARTITION_LOG_END);
                values[i] = known ? s.exact(i, KafkaHistory.PARTITION_LOG_END) : Double.NaN;
                if (known) {
                    byTime.put(times[i], s.exact(i, KafkaHistory.PARTITION_LOG_END));
                }
            }
        }
    }

    /**
     * The group on the topic at the polls every one of its partitions there was sampled at (all of
     * them but the extra samples a partition keeps around a rewind), with the lag summed and the time
     * lag of the longest-waiting partition: the live figures' definitions ({@code KafkaGroupLag}).
     */
    private KafkaTopicHistory.GroupSamples kafkaGroup(TargetId target, KafkaTopicSnapshot topic, String group, List<Integer> partitions,
            Map<Integer, LogEnds> logEnds) {
        List<SampleRing.Samples> rings = new ArrayList<>();
        List<KafkaTopicHistory.Rewind> rewinds = new ArrayList<>();
        Map<Long, Integer> seenBy = new TreeMap<>();
        for (int partition : partitions.stream().sorted().toList()) {
            SampleRing.Samples s = kafkaHistory.groupPartition(target, group, topic.topic(), partition).orElse(SampleColumns.NONE);
            rings.add(s);
            for (int i = 0; i < s.size(); i++) {
                seenBy.merge(s.time(i), 1, Integer::sum);
                if (i > 0 && s.known(i - 1, KafkaHistory.GROUP_COMMITTED) && s.known(i, KafkaHistory.GROUP_COMMITTED)
                        && s.exact(i, KafkaHistory.GROUP_COMMITTED) < s.exact(i - 1, KafkaHistory.GROUP_COMMITTED)) {
                    rewinds.add(new KafkaTopicHistory.Rewind(Instant.ofEpochMilli(s.time(i)), partition,
                            s.exact(i - 1, KafkaHistory.GROUP_COMMITTED), s.exact(i, KafkaHistory.GROUP_COMMITTED)));
                }
            }
        }
        long[] times = seenBy.entrySet().stream().filter(e -> e.getValue() == rings.size()).mapToLong(Map.Entry::getKey).toArray();
        Long[] lags = new Long[times.length];
        Double[] lagSeconds = new Double[times.length];
        List<Map<Long, Integer>> indexes = rings.stream().map(WorkloadHistoryService::indexByTime).toList();
        List<Integer> sortedPartitions = partitions.stream().sorted().toList();
        for (int t = 0; t < times.length; t++) {
            Long sum = 0L;
            Double longest = 0.0;
            for (int r = 0; r < rings.size(); r++) {
                SampleRing.Samples s = rings.get(r);
                int i = indexes.get(r).get(times[t]);
                Long partitionLag = s.known(i, KafkaHistory.GROUP_LAG) ? s.exact(i, KafkaHistory.GROUP_LAG) : null;
                Long committed = s.known(i, KafkaHistory.GROUP_COMMITTED) ? s.exact(i, KafkaHistory.GROUP_COMMITTED) : null;
                sum = sum == null || partitionLag == null ? null : sum + partitionLag;
                Double waited = lagSeconds(logEnds.get(sortedPartitions.get(r)), committed, partitionLag, times[t]);
                boolean waiting = partitionLag == null || partitionLag > 0;
                if (waiting && waited == null) {
                    longest = null;
                } else if (longest != null && waited != null) {
                    longest = Math.max(longest, waited);
                }
            }
            lags[t] = sum;
            lagSeconds[t] = longest;
        }
        rewinds.sort(Comparator.comparing(KafkaTopicHistory.Rewind::at).thenComparing(KafkaTopicHistory.Rewind::partition));
        return new KafkaTopicHistory.GroupSamples(group, times, lags, lagSeconds, List.copyOf(rewinds),
                lag.statusChanges(target, group, topic.topic()));
    }

    /**
     * The partition's time lag at a past poll, as the lag stage computed it then: the oldest
     * unconsumed record is at log end − lag (that is max(committed, log start)), its time interpolated
     * from the log-end history ({@link LagEvaluator#lagSeconds}). Null when that record predates the
     * history kept now.
     */
    private static Double lagSeconds(LogEnds logEnds, Long committed, Long lag, long at) {
        if (lag != null && lag == 0) {
            return 0.0;
        }
        if (logEnds == null || lag == null) {
            return null;
        }
        Long logEnd = logEnds.byTime.get(at);
        Long next = logEnd != null ? Long.valueOf(logEnd - lag) : committed;
        return LagEvaluator.lagSeconds(logEnds.times, logEnds.values, next, lag, at);
    }

    private static Map<Long, Integer> indexByTime(SampleRing.Samples s) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            index.put(s.time(i), i);
        }
        return index;
    }

    private double windowSeconds() {
        return config.advisor().window().toMillis() / 1000.0;
    }
}
