package dev.streamfit.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.TargetId;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Collects one Kafka cluster with the AdminClient's batched calls only — each sends one request per
 * broker (or group coordinator), never one per topic, partition or group:
 * describeCluster; listTopics and describeTopics; listOffsets earliest and latest, and for timestamp 0
 * (the oldest retained record's time) only where the earliest offset moved; describeLogDirs; describeConfigs for all topics in one call
 * (every {@code CONFIG_REFRESH_POLLS}th poll and for new topics: configs rarely change); listGroups,
 * describeConsumerGroups and the committed offsets of all groups in one listConsumerGroupOffsets.
 * It only describes: it never writes to the cluster.
 *
 * <p>A listing or describe that fails is not a deletion: the topics and groups it covers stay as the
 * previous poll saw them, marked stale with the reason, and the poll has a gap. What cannot be listed
 * is not described anew. Only a successful listing without a topic or group (or the broker saying
 * it no longer exists) removes it.
 */
final class KafkaCollector {

    static final int CONFIG_REFRESH_POLLS = 10;

    private final Pattern topicFilter;
    private final Pattern groupFilter;
    private final int timeoutMillis;
    private final Map<String, KafkaTopicConfig> configs = new ConcurrentHashMap<>();
    /**
     * The oldest retained record's timestamp by partition, with the earliest offset it was read at. It
     * cannot change while the log start offset stays, and the broker finds it by reading the segment at
     * the log start (a file read per partition), so it is asked again only where the log start moved
     * (retention or deleteRecords), and for each topic every {@code CONFIG_REFRESH_POLLS}th poll
     * (compaction can remove the first record without moving the log start), see {@link Refresh}.
     */
    private final Map<TopicPartition, OldestRecord> oldestRecords = new ConcurrentHashMap<>();
    private int polls;
    /** What the last completed poll knew: kept for the topics and groups the next one cannot list or describe. */
    private volatile KafkaTargetSnapshot previous;

    /**
     * Which topics a poll reads again although nothing says they changed: their configs and their
     * oldest record's time, each topic every {@code CONFIG_REFRESH_POLLS}th poll. A tenth of the
     * topics per poll (by the hash of the name), not all of them every tenth poll: asking 5,000
     * partitions for their oldest record at once made every tenth poll the slowest, at times slower
     * than the poll interval.
     */
    record Refresh(int poll) {
        boolean due(String topic) {
            return Math.floorMod(topic.hashCode(), CONFIG_REFRESH_POLLS) == Math.floorMod(poll, CONFIG_REFRESH_POLLS);
        }
    }

    KafkaCollector(String topics, String groups, int timeoutMillis) {
        this.topicFilter = Pattern.compile(topics);
        this.groupFilter = Pattern.compile(groups);
        this.timeoutMillis = timeoutMillis;
    }

    private record Cluster(String clusterId, Collection<Node> nodes, Node controller) {
    }

    private record OldestRecord(long earliestOffset, long timestamp) {
    }

    Uni<KafkaTargetSnapshot> collect(Admin admin, TargetId target) {
        KafkaProblems problems = new KafkaProblems();
        Refresh refresh = new Refresh(polls++);
        DescribeClusterResult described = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis));
        Uni<Cluster> cluster = Uni.combine().all()
                .unis(KafkaCalls.toUni(described.clusterId()), KafkaCalls.toUni(described.nodes()), KafkaCalls.toUni(described.controller()))
                // All three fail together when the cluster is down: wait for each, report the first.
                .collectFailures()
                .with(Cluster::new)
                .onFailure(io.smallrye.mutiny.CompositeException.class)
                .transform(e -> ((io.smallrye.mutiny.CompositeException) e).getCauses().get(0))
                .memoize().indefinitely();
        KafkaTargetSnapshot before = previous;
        List<KafkaTopicSnapshot> previousTopics = before == null ? List.of() : before.topics();
        List<KafkaGroupSnapshot> previousGroups = before == null ? List.of() : before.groups();
        // The listings go out with describeCluster, not after it: one round trip less per poll. A cluster
        // that does not answer still fails the poll (the target is down), whatever the listings say.
        return Uni.combine().all()
                .unis(cluster, topics(admin, cluster, refresh, problems, previousTopics), groups(admin, problems, previousGroups))
                .asTuple()
                .map(t -> {
                    Cluster c = t.getItem1();
                    KafkaTargetSnapshot snapshot = new KafkaTargetSnapshot(target, Instant.now(), c.clusterId(), c.nodes().size(),
                            c.controller() == null || c.controller().isEmpty() ? null : c.controller().id(),
                            t.getItem2(), t.getItem3(), problems.list(), problems.gaps());
                    previous = snapshot;
                    return snapshot;
                });
    }

    // ---- topics -------------------------------------------------------------------------------

    private Uni<List<KafkaTopicSnapshot>> topics(Admin admin, Uni<Cluster> cluster, Refresh refresh, KafkaProblems problems,
            List<KafkaTopicSnapshot> previousTopics) {
        return KafkaCalls.toUni(admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMillis)).names())
                .onItemOrFailure().transformToUni((names, failure) -> {
                    if (failure != null) {
                        // Not listed is not deleted: every topic stays as last seen, and none is described anew.
                        String reason = problems.gap("Describe on Cluster (listTopics)", failure);
                        return Uni.createFrom().item(Staleness.keep(List.of(), previousTopics, KafkaTopicSnapshot::topic, t -> reason));
                    }
                    List<String> watched = names.stream().filter(this::watched).sorted().toList();
                    return describeTopics(admin, cluster, watched, refresh, problems, previousTopics);
                });
    }

    private Uni<List<KafkaTopicSnapshot>> describeTopics(Admin admin, Uni<Cluster> cluster, List<String> names, Refresh refresh,
            KafkaProblems problems, List<KafkaTopicSnapshot> previousTopics) {
        return KafkaCalls.settle(admin.describeTopics(names).topicNameValues()).chain(described -> {
            List<TopicDescription> topics = new ArrayList<>();
            Map<String, String> undescribed = new HashMap<>();
            described.forEach((name, outcome) -> {
                if (outcome.ok()) {
                    topics.add(outcome.value());
                } else {
                    String reason = problems.gap("Describe on Topic", outcome.error());
                    if (reason != null) {
                        undescribed.put(name, reason);
                    }
                }
            });
            topics.sort(Comparator.comparing(TopicDescription::name));
            Set<String> listed = new HashSet<>(names);
            configs.keySet().retainAll(listed);
            oldestRecords.keySet().removeIf(tp -> !listed.contains(tp.topic()));
            return partitionFacts(admin, cluster, topics, refresh, problems)
                    .map(facts -> Staleness.keep(topics.stream().map(t -> facts.topic(t, configs.get(t.name()))).toList(), previousTopics,
                            KafkaTopicSnapshot::topic, t -> undescribed.get(t.topic())));
        });
    }

    /**
     * The per-partition calls, all at once: listOffsets earliest and latest, describeLogDirs and
     * describeConfigs; then listOffsets for timestamp 0 where the earliest offset moved.
     */
    private Uni<PartitionFacts> partitionFacts(Admin admin, Uni<Cluster> cluster, List<TopicDescription> topics, Refresh refresh,
            KafkaProblems problems) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : topics) {
            for (TopicPartitionInfo p : topic.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    continue; // offline: no leader to ask
                }
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }
        }
        List<ConfigResource> configsWanted = topics.stream().map(TopicDescription::name)
                .filter(name -> refresh.due(name) || !configs.containsKey(name))
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Uni<Map<TopicPartition, Map<Integer, Long>>> replicaSizes = cluster.chain(c -> logDirs(admin, c.nodes().stream().map(Node::id).toList(), problems));
        // The oldest records that are due anyway (this poll's tenth of the topics, and partitions whose
        // oldest record is not known) are asked together with the earliest offsets; only partitions whose
        // earliest offset moved need that answer first, and only they cost a second round trip.
        Map<TopicPartition, OffsetSpec> oldestDue = new HashMap<>();
        earliest.keySet().stream().filter(tp -> refresh.due(tp.topic()) || !oldestRecords.containsKey(tp))
                .forEach(tp -> oldestDue.put(tp, OffsetSpec.forTimestamp(0)));
        Uni<Map<TopicPartition, ListOffsetsResultInfo>> startAndOldest = Uni.combine().all()
                .unis(offsets(admin, earliest, problems), offsets(admin, oldestDue, problems)).asTuple()
                .invoke(t -> rememberOldest(t.getItem1(), oldestDue.keySet(), t.getItem2()))
                .call(t -> oldestRecordsWhereTheStartMoved(admin, t.getItem1(), oldestDue.keySet(), problems))
                .map(t -> t.getItem1());
        return Uni.combine().all().unis(
                startAndOldest, offsets(admin, latest, problems), replicaSizes, describeConfigs(admin, configsWanted, problems))
                .asTuple()
                // The replies complete on the AdminClient's network thread, which must only send and parse:
                // 5,000 partitions are matched up and assembled into topics on a worker.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(t -> new PartitionFacts(t.getItem1(), t.getItem2(), oldestTimestamps(t.getItem1()), t.getItem3()));
    }

    /** Asks for the oldest record's time where the earliest offset moved since it was read (and it was not asked already). */
    private Uni<Void> oldestRecordsWhereTheStartMoved(Admin admin, Map<TopicPartition, ListOffsetsResultInfo> start,
            Set<TopicPartition> asked, KafkaProblems problems) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        start.forEach((tp, info) -> {
            OldestRecord known = oldestRecords.get(tp);
            if (!asked.contains(tp) && (known == null || known.earliestOffset() != info.offset())) {
                wanted.put(tp, OffsetSpec.forTimestamp(0));
            }
        });
        return offsets(admin, wanted, problems).invoke(found -> rememberOldest(start, wanted.keySet(), found)).replaceWithVoid();
    }

    /** Keeps each asked partition's oldest record with the earliest offset it belongs to; unknown (an empty partition, no answer) is forgotten. */
    private void rememberOldest(Map<TopicPartition, ListOffsetsResultInfo> start, Set<TopicPartition> asked,
            Map<TopicPartition, ListOffsetsResultInfo> found) {
        for (TopicPartition tp : asked) {
            ListOffsetsResultInfo oldest = found.get(tp);
            ListOffsetsResultInfo earliest = start.get(tp);
            if (oldest != null && earliest != null && oldest.offset() >= 0 && oldest.timestamp() >= 0) {
                oldestRecords.put(tp, new OldestRecord(earliest.offset(), oldest.timestamp()));
            } else {
                oldestRecords.remove(tp);
            }
        }
    }

    private Map<TopicPartition, Long> oldestTimestamps(Map<TopicPartition, ListOffsetsResultInfo> start) {
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        start.forEach((tp, info) -> {
            OldestRecord oldest = oldestRecords.get(tp);
            if (oldest != null && oldest.earliestOffset() == info.offset()) {
                timestamps.put(tp, oldest.timestamp());
            }
        });
        return timestamps;
    }

    /**
     * Partitions per listOffsets call. The AdminClient keeps a call's partitions in immutable maps and
     * sets, whose open addressing turns the hashes of similar topic names (orders-1, orders-2, …) into
     * long probe chains: 5,000 partitions in one call cost its network thread 0.5 s per poll, in
     * batches of 500 a tenth of that. The calls of a poll still go out together.
     */
    static final int OFFSETS_BATCH = 500;

    private Uni<Map<TopicPartition, ListOffsetsResultInfo>> offsets(Admin admin, Map<TopicPartition, OffsetSpec> specs, KafkaProblems problems) {
        if (specs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map<TopicPartition, ListOffsetsResultInfo>>> batches = new ArrayList<>();
        Map<TopicPartition, OffsetSpec> batch = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetSpec> spec : specs.entrySet()) {
            batch.put(spec.getKey(), spec.getValue());
            if (batch.size() == OFFSETS_BATCH) {
                batches.add(offsetsBatch(admin, batch, problems));
                batch = new HashMap<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(offsetsBatch(admin, batch, problems));
        }
        return Uni.combine().all().unis(batches).with(results -> {
            Map<TopicPartition, ListOffsetsResultInfo> offsets = new HashMap<>();
            for (Object result : results) {
                @SuppressWarnings("unchecked")
                Map<TopicPartition, ListOffsetsResultInfo> answered = (Map<TopicPartition, ListOffsetsResultInfo>) result;
                offsets.putAll(answered);
            }
            return offsets;
        });
    }

    /** One call's offsets: all of them at once, or partition by partition when some failed. */
    private Uni<Map<TopicPartition, ListOffsetsResultInfo>> offsetsBatch(Admin admin, Map<TopicPartition, OffsetSpec> specs,
            KafkaProblems problems) {
        var result = admin.listOffsets(specs);
        return KafkaCalls.toUni(result.all()).onFailure().recoverWithUni(failed -> {
            Map<TopicPartition, org.apache.kafka.common.KafkaFuture<ListOffsetsResultInfo>> futures = new HashMap<>();
            specs.keySet().forEach(tp -> futures.put(tp, result.partitionResult(tp)));
            return KafkaCalls.settle(futures).map(outcomes -> {
                Map<TopicPartition, ListOffsetsResultInfo> offsets = new HashMap<>();
                outcomes.forEach((tp, outcome) -> {
                    if (outcome.ok()) {
                        offsets.put(tp, outcome.value());
                    } else {
                        problems.note("Describe on Topic (listOffsets)", outcome.error());
                    }
                });
                return offsets;
            });
        });
    }

    /** Replica sizes by partition and broker. */
    private Uni<Map<TopicPartition, Map<Integer, Long>>> logDirs(Admin admin, List<Integer> brokers, KafkaProblems problems) {
        return KafkaCalls.settle(admin.describeLogDirs(brokers).descriptions()).map(outcomes -> {
            Map<TopicPartition, Map<Integer, Long>> sizes = new HashMap<>();
            outcomes.forEach((broker, outcome) -> {
                if (!outcome.ok()) {
                    problems.note("Describe on Cluster (describeLogDirs)", outcome.error());
                    return;
                }
                for (LogDirDescription dir : outcome.value().values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        sizes.computeIfAbsent(replica.getKey(), k -> new HashMap<>()).merge(broker, replica.getValue().size(), Long::sum);
                    }
                }
            });
            return sizes;
        });
    }

    private Uni<Void> describeConfigs(Admin admin, List<ConfigResource> resources, KafkaProblems problems) {
        if (resources.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return KafkaCalls.settle(admin.describeConfigs(resources).values()).invoke(outcomes -> outcomes.forEach((resource, outcome) -> {
            if (outcome.ok()) {
                configs.put(resource.name(), topicConfig(outcome.value()));
            } else {
                problems.note("DescribeConfigs on Topic", outcome.error());
            }
        })).replaceWithVoid();
    }

    private static KafkaTopicConfig topicConfig(Config config) {
        return new KafkaTopicConfig(longValue(config.get(TopicConfig.RETENTION_MS_CONFIG)),
                longValue(config.get(TopicConfig.RETENTION_BYTES_CONFIG)),
                config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG) == null ? null
                        : Integer.valueOf(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()));
    }

    private static Long longValue(ConfigEntry entry) {
        return entry == null || entry.value() == null ? null : Long.valueOf(entry.value());
    }

    /** What the per-partition calls answered, assembled into topic snapshots. */
    private record PartitionFacts(Map<TopicPartition, ListOffsetsResultInfo> start, Map<TopicPartition, ListOffsetsResultInfo> end,
            Map<TopicPartition, Long> oldest, Map<TopicPartition, Map<Integer, Long>> sizes) {

        KafkaTopicSnapshot topic(TopicDescription topic, KafkaTopicConfig config) {
            List<KafkaPartitionSnapshot> partitions = new ArrayList<>();
            Long leaderBytes = 0L;
            Long allBytes = 0L;
            for (TopicPartitionInfo p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                Integer leader = p.leader() == null || p.leader().isEmpty() ? null : p.leader().id();
                Map<Integer, Long> replicaSizes = sizes.get(tp);
                Long leaderSize = replicaSizes == null || leader == null ? null : replicaSizes.get(leader);
                leaderBytes = leaderBytes == null || leaderSize == null ? null : leaderBytes + leaderSize;
                allBytes = allBytes == null || replicaSizes == null ? null : allBytes + replicaSizes.values().stream().mapToLong(Long::longValue).sum();
                partitions.add(new KafkaPartitionSnapshot(p.partition(), leader, p.replicas().size(), p.isr().size(),
                        offset(start.get(tp)), offset(end.get(tp)),
                        oldest.get(tp),
                        leaderSize));
            }
            int replicationFactor = topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
            return new KafkaTopicSnapshot(topic.name(), replicationFactor, config, leaderBytes, allBytes, List.copyOf(partitions), null);
        }

        private static Long offset(ListOffsetsResultInfo info) {
            return info == null || info.offset() < 0 ? null : info.offset();
        }
    }

    // ---- groups -------------------------------------------------------------------------------

    private Uni<List<KafkaGroupSnapshot>> groups(Admin admin, KafkaProblems problems, List<KafkaGroupSnapshot> previousGroups) {
        return KafkaCalls.toUni(admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(timeoutMillis)).all())
                .onItemOrFailure().transformToUni((listings, failure) -> {
                    if (failure != null) {
                        // Not listed is not deleted: every group stays as last seen, and none is described anew.
                        String reason = problems.gap("Describe on Group (listGroups)", failure);
                        return Uni.createFrom().item(Staleness.keep(List.of(), previousGroups, KafkaGroupSnapshot::group, g -> reason));
                    }
                    List<String> ids = listings.stream().map(GroupListing::groupId).filter(g -> groupFilter.matcher(g).matches()).sorted().toList();
                    return describeGroups(admin, ids, problems, previousGroups);
                });
    }

    private Uni<List<KafkaGroupSnapshot>> describeGroups(Admin admin, List<String> ids, KafkaProblems problems,
            List<KafkaGroupSnapshot> previousGroups) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.<KafkaGroupSnapshot>of());
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        var offsetsResult = admin.listConsumerGroupOffsets(specs);
        Map<String, org.apache.kafka.common.KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> offsetFutures = new HashMap<>();
        ids.forEach(id -> offsetFutures.put(id, offsetsResult.partitionsToOffsetAndMetadata(id)));
        // The replies complete on the AdminClient's network thread, which must only send and parse:
        // 50,000 group-partitions are assembled on a worker.
        return Uni.combine().all()
                .unis(KafkaCalls.settle(admin.describeConsumerGroups(ids).describedGroups()), KafkaCalls.settle(offsetFutures))
                .asTuple().emitOn(Infrastructure.getDefaultWorkerPool())
                .map(replies -> {
                    Map<String, String> undescribed = new HashMap<>();
                    List<KafkaGroupSnapshot> described = groupSnapshots(ids, replies.getItem1(), replies.getItem2(), problems, undescribed);
                    return Staleness.keep(described, previousGroups, KafkaGroupSnapshot::group, g -> undescribed.get(g.group()));
                });
    }

    /**
     * The groups whose description and offsets both arrived. A group missing either is left to
     * {@code undescribed} with the reason (unless the broker says it was deleted): a group without its
     * offsets would look like one that never committed.
     */
    private List<KafkaGroupSnapshot> groupSnapshots(List<String> ids, Map<String, KafkaCalls.Settled<ConsumerGroupDescription>> descriptions,
            Map<String, KafkaCalls.Settled<Map<TopicPartition, OffsetAndMetadata>>> offsets, KafkaProblems problems,
            Map<String, String> undescribed) {
        List<KafkaGroupSnapshot> groups = new ArrayList<>();
        // The same few hundred topics recur in every group: match each against the regex once.
        Map<String, Boolean> watchedTopics = new HashMap<>();
        java.util.function.Predicate<String> watched = topic -> watchedTopics.computeIfAbsent(topic, this::watched);
        for (String id : ids) {
            KafkaCalls.Settled<ConsumerGroupDescription> description = descriptions.get(id);
            KafkaCalls.Settled<Map<TopicPartition, OffsetAndMetadata>> groupOffsets = offsets.get(id);
            String reason = null;
            if (description != null && !description.ok()) {
                reason = problems.gap("Describe on Group", description.error());
            } else if (groupOffsets != null && !groupOffsets.ok()) {
                reason = problems.gap("Describe on Group (offsets)", groupOffsets.error());
            }
            if (reason != null) {
                undescribed.put(id, reason);
            }
            if (description == null || !description.ok() || groupOffsets == null || !groupOffsets.ok()) {
                continue;
            }
            ConsumerGroupDescription d = description.value();
            List<KafkaGroupSnapshot.TopicPartitionRef> assigned = new ArrayList<>();
            Set<TopicPartition> topicsSeen = new HashSet<>();
            for (MemberDescription member : d.members()) {
                for (TopicPartition tp : member.assignment().topicPartitions()) {
                    if (watched.test(tp.topic())) {
                        assigned.add(new KafkaGroupSnapshot.TopicPartitionRef(tp.topic(), tp.partition()));
                        topicsSeen.add(tp);
                    }
                }
            }
            List<KafkaGroupSnapshot.Committed> committed = new ArrayList<>();
            groupOffsets.value().forEach((tp, om) -> {
                if (watched.test(tp.topic())) {
                    committed.add(new KafkaGroupSnapshot.Committed(tp.topic(), tp.partition(), om == null ? null : om.offset()));
                    topicsSeen.remove(tp);
                }
            });
            // Assigned partitions without a committed offset: known to be consumed, offset unknown.
            topicsSeen.forEach(tp -> committed.add(new KafkaGroupSnapshot.Committed(tp.topic(), tp.partition(), null)));
            committed.sort(Comparator.comparing(KafkaGroupSnapshot.Committed::topic).thenComparingInt(KafkaGroupSnapshot.Committed::partition));
            assigned.sort(Comparator.comparing(KafkaGroupSnapshot.TopicPartitionRef::topic).thenComparingInt(KafkaGroupSnapshot.TopicPartitionRef::partition));
            groups.add(new KafkaGroupSnapshot(id, d.groupState().toString(), d.members().size(), List.copyOf(committed), List.copyOf(assigned),
                    null));
        }
        return groups;
    }

    private boolean watched(String topic) {
        return !topic.startsWith("__") && topicFilter.matcher(topic).matches();
    }
}
