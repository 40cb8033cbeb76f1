package dev.streamfit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.TestKafkaTarget;
import dev.streamfit.support.TestServers;

/** The Kafka collector against a real broker, compared with Kafka's own kafka-consumer-groups. */
class KafkaCollectorTest {

    private static KafkaFixtures kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixtures(TestServers.kafka());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static KafkaTargetSnapshot poll(TestKafkaTarget target) {
        try (KafkaTargetPoller poller = target.poller()) {
            return poller.poll().await().atMost(Duration.ofSeconds(30));
        }
    }

    static KafkaTargetSnapshot poll(String topics, String groups) {
        return poll(TestKafkaTarget.of(TestServers.kafka().bootstrapServers()).withTopics(topics).withGroups(groups));
    }

    static KafkaTopicSnapshot topic(KafkaTargetSnapshot snapshot, String name) {
        return snapshot.topics().stream().filter(t -> t.topic().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no topic " + name));
    }

    static KafkaGroupSnapshot group(KafkaTargetSnapshot snapshot, String name) {
        return snapshot.groups().stream().filter(g -> g.group().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + name));
    }

    static Map<String, Long> lagByPartition(KafkaTargetSnapshot snapshot, String group) {
        Map<String, KafkaPartitionSnapshot> partitions = new HashMap<>();
        snapshot.topics().forEach(t -> t.partitions().forEach(p -> partitions.put(t.topic() + "-" + p.partition(), p)));
        Map<String, Long> lags = new HashMap<>();
        for (KafkaGroupSnapshot.Committed c : group(snapshot, group).committed()) {
            KafkaPartitionSnapshot p = partitions.get(c.topic() + "-" + c.partition());
            lags.put(c.topic() + "-" + c.partition(), KafkaLag.of(c.offset(), p.logStartOffset(), p.logEndOffset()));
        }
        return lags;
    }

    @Test
    void lagPerPartitionEqualsKafkaConsumerGroups() {
        kafka.createTopic("kc.orders", 3);
        kafka.produce("kc.orders", 0, 10);
        kafka.produce("kc.orders", 1, 7);
        kafka.produce("kc.orders", 2, 4);
        kafka.commit("kc-billing", Map.of(new TopicPartition("kc.orders", 0), 3L, new TopicPartition("kc.orders", 1), 7L,
                new TopicPartition("kc.orders", 2), 1L));

        KafkaTargetSnapshot snapshot = poll("kc\\.orders", "kc-billing");
        Map<String, Long> expected = new HashMap<>();
        kafka.describeGroups(Optional.of("kc-billing")).forEach(r -> expected.put(r.topic() + "-" + r.partition(), r.lag()));
        assertEquals(Map.of("kc.orders-0", 7L, "kc.orders-1", 0L, "kc.orders-2", 3L), expected, "what the command says");
        assertEquals(expected, lagByPartition(snapshot, "kc-billing"));

        KafkaTopicSnapshot orders = topic(snapshot, "kc.orders");
        assertEquals(3, orders.partitions().size());
        assertEquals(1, orders.replicationFactor());
        assertEquals(List.of(10L, 7L, 4L), orders.partitions().stream().map(KafkaPartitionSnapshot::logEndOffset).toList());
        assertEquals(List.of(0L, 0L, 0L), orders.partitions().stream().map(KafkaPartitionSnapshot::logStartOffset).toList());
        assertEquals(604_800_000L, orders.config().retentionMs());
        assertEquals(-1L, orders.config().retentionBytes());
        assertEquals("delete", orders.config().cleanupPolicy());
        assertTrue(orders.sizeBytes() > 0);
        assertEquals(orders.sizeBytes(), orders.sizeBytesWithReplicas(), "one replica");
        assertTrue(orders.partitions().get(0).oldestRecordTimestamp() > System.currentTimeMillis() - 120_000);
        assertEquals(0, orders.underReplicatedPartitions());
        assertEquals(0, orders.offlinePartitions());
        KafkaGroupSnapshot billing = group(snapshot, "kc-billing");
        assertEquals("EMPTY", billing.state().toUpperCase());
        assertEquals(0, billing.members());
        assertEquals(List.of(), snapshot.problems());
        assertEquals(1, snapshot.brokers());
        assertNotNull(snapshot.clusterId());
    }

    @Test
    void offsetsDeletedByRetentionAreReportedApartFromWhatIsStillConsumable() throws Exception {
        kafka.createTopic("kc.retention", 1);
        kafka.produce("kc.retention", 0, 100);
        kafka.commit("kc-late", Map.of(new TopicPartition("kc.retention", 0), 20L));
        kafka.admin().deleteRecords(Map.of(new TopicPartition("kc.retention", 0), RecordsToDelete.beforeOffset(60))).all()
                .get(30, TimeUnit.SECONDS);

        KafkaTargetSnapshot snapshot = poll("kc\\.retention", "kc-late");
        KafkaPartitionSnapshot p = topic(snapshot, "kc.retention").partitions().get(0);
        assertEquals(60L, p.logStartOffset());
        assertEquals(40L, lagByPartition(snapshot, "kc-late").get("kc.retention-0"), "what is still consumable");
        assertEquals(40L, KafkaLag.lostToRetention(20L, p.logStartOffset()));
        Long commandLag = kafka.describeGroups(Optional.of("kc-late")).get(0).lag();
        assertEquals(80L, commandLag, "kafka-consumer-groups counts the deleted records too");
    }

    /** The collector asks for the oldest record's time only where the log start moved: it must still follow it. */
    @Test
    void theOldestRecordsTimeFollowsTheLogStartAcrossPolls() throws Exception {
        kafka.createTopic("kc.oldest", 1);
        TestKafkaTarget target = TestKafkaTarget.of(TestServers.kafka().bootstrapServers()).withTopics("kc\\.oldest");
        try (KafkaTargetPoller poller = target.poller()) {
            java.util.function.Supplier<Long> oldest = () -> topic(poller.poll().await().atMost(Duration.ofSeconds(30)), "kc.oldest")
                    .partitions().get(0).oldestRecordTimestamp();
            assertNull(oldest.get(), "no record, no time");
            kafka.produce("kc.oldest", 0, 5);
            Long first = oldest.get();
            assertNotNull(first, "the first records appended");
            Thread.sleep(100);
            kafka.produce("kc.oldest", 0, 5);
            assertEquals(first, oldest.get(), "appending leaves the oldest record where it is");
            kafka.admin().deleteRecords(Map.of(new TopicPartition("kc.oldest", 0), RecordsToDelete.beforeOffset(5))).all()
                    .get(30, TimeUnit.SECONDS);
            Long afterDelete = oldest.get();
            assertTrue(afterDelete >= first + 100, "the oldest record is now one of the second batch: " + first + " -> " + afterDelete);
            assertEquals(afterDelete, oldest.get());
        }
    }

    @Test
    void internalTopicsAndUnmatchedNamesAreLeftOut() {
        kafka.createTopic("kc.filtered-in", 1);
        kafka.createTopic("other.filtered-out", 1);
        kafka.commit("kc-any", Map.of(new TopicPartition("kc.filtered-in", 0), 0L));
        KafkaTargetSnapshot snapshot = poll(TestKafkaTarget.of(TestServers.kafka().bootstrapServers()).withTopics("kc\\..*"));
        List<String> names = snapshot.topics().stream().map(KafkaTopicSnapshot::topic).toList();
        assertTrue(names.contains("kc.filtered-in"));
        assertFalse(names.contains("other.filtered-out"));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("__")), names.toString());
    }

    @Test
    void aGroupWithoutCommittedOffsetsHasUnknownLag() throws Exception {
        kafka.createTopic("kc.uncommitted", 1);
        kafka.produce("kc.uncommitted", 0, 5);
        try (var consumer = kafka.joinedConsumer("kc-fresh", "kc.uncommitted")) {
            KafkaTargetSnapshot snapshot = poll("kc\\.uncommitted", "kc-fresh");
            KafkaGroupSnapshot fresh = group(snapshot, "kc-fresh");
            assertEquals(1, fresh.members());
            assertEquals(List.of(new KafkaGroupSnapshot.TopicPartitionRef("kc.uncommitted", 0)), fresh.assigned());
            KafkaGroupSnapshot.Committed committed = fresh.committed().get(0);
            assertNull(committed.offset(), "no committed offset: unknown");
            assertNull(KafkaLag.of(committed.offset(), 0L, 5L));
            assertNull(kafka.describeGroups(Optional.of("kc-fresh")).get(0).lag(), "the command prints '-' too");
        }
    }

    @Test
    void aTopicDeletedBetweenPollsIsForgottenAndThePollStillSucceeds() throws Exception {
        kafka.createTopic("kc.doomed", 2);
        kafka.createTopic("kc.survivor", 1);
        TestKafkaTarget target = TestKafkaTarget.of(TestServers.kafka().bootstrapServers()).withTopics("kc\\.(doomed|survivor)");
        try (KafkaTargetPoller poller = target.poller()) {
            assertEquals(2, poller.poll().await().atMost(Duration.ofSeconds(30)).topics().size());
            kafka.admin().deleteTopics(List.of("kc.doomed")).all().get(30, TimeUnit.SECONDS);
            KafkaTargetSnapshot after = poller.poll().await().atMost(Duration.ofSeconds(30));
            assertEquals(List.of("kc.survivor"), after.topics().stream().map(KafkaTopicSnapshot::topic).toList());
        }
    }

    @Test
    void describeOnlyAclsGiveACompletePollAndAMissingAclIsNamed() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startWithAcls(); KafkaFixtures secured = new KafkaFixtures(broker)) {
            secured.createTopic("acl.orders", 2);
            secured.produce("acl.orders", 0, 6);
            secured.commit("acl-billing", Map.of(new TopicPartition("acl.orders", 0), 2L));
            secured.createTopic("secret.payroll", 1);
            String watcher = "User:" + KafkaBroker.WATCHER;
            secured.admin().createAcls(List.of(
                    acl(watcher, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE),
                    acl(watcher, ResourceType.TOPIC, "acl.", PatternType.PREFIXED, AclOperation.DESCRIBE),
                    acl(watcher, ResourceType.GROUP, "acl-", PatternType.PREFIXED, AclOperation.DESCRIBE))).all().get(30, TimeUnit.SECONDS);
            TestKafkaTarget target = TestKafkaTarget.of(broker.saslBootstrapServers()).withProperties(broker.watcherProperties());

            KafkaTargetSnapshot describeOnly = poll(target);
            assertEquals(List.of("acl.orders"), describeOnly.topics().stream().map(KafkaTopicSnapshot::topic).toList(),
                    "topics it may not describe are not even listed");
            KafkaTopicSnapshot orders = describeOnly.topics().get(0);
            assertEquals(6L, orders.partitions().get(0).logEndOffset());
            assertNotNull(orders.sizeBytes());
            assertNull(orders.config(), "configs unknown without DescribeConfigs");
            assertEquals(Map.of("acl.orders-0", 4L), lagByPartition(describeOnly, "acl-billing"));
            assertEquals(List.of(CollectionProblem.Kind.DENIED), describeOnly.problems().stream().map(CollectionProblem::kind).toList());
            assertEquals("DescribeConfigs on Topic", describeOnly.problems().get(0).subject());

            secured.admin().createAcls(List.of(acl(watcher, ResourceType.TOPIC, "acl.", PatternType.PREFIXED, AclOperation.DESCRIBE_CONFIGS)))
                    .all().get(30, TimeUnit.SECONDS);
            KafkaTargetSnapshot granted = poll(target);
            assertEquals(List.of(), granted.problems());
            assertEquals(604_800_000L, granted.topics().get(0).config().retentionMs());
        }
    }

    private static AclBinding acl(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    @Test
    void aBrokerThatStopsAnsweringFailsThePollWithinItsTimeout() {
        try (KafkaBroker broker = KafkaBroker.start();
                KafkaTargetPoller poller = TestKafkaTarget.of(broker.bootstrapServers()).poller(Duration.ofSeconds(3))) {
            poller.poll().await().atMost(Duration.ofSeconds(30));
            broker.freeze(true);
            try {
                long started = System.nanoTime();
                assertThrows(RuntimeException.class, () -> poller.poll().await().atMost(Duration.ofSeconds(15)));
                double seconds = (System.nanoTime() - started) / 1e9;
                assertTrue(seconds < 6, "the AdminClient's own timeouts end the poll near its 3 s bound, took " + seconds + " s");
            } finally {
                broker.freeze(false);
            }
            assertNotNull(poller.poll().await().atMost(Duration.ofSeconds(30)).clusterId(), "answers again once the broker does");
        }
    }

    @Test
    void requestsPerPollDoNotGrowWithTopicsOrGroups() {
        TestKafkaTarget target = TestKafkaTarget.of(TestServers.kafka().bootstrapServers());
        try (KafkaTargetPoller poller = target.poller()) {
            poller.poll().await().atMost(Duration.ofSeconds(30));
            poller.poll().await().atMost(Duration.ofSeconds(30));
            long before = poller.requestsSent();
            poller.poll().await().atMost(Duration.ofSeconds(30));
            long small = poller.requestsSent() - before;
            for (int i = 0; i < 5; i++) {
                kafka.createTopic("kc.many-" + i, 4);
                kafka.commit("kc-many-" + i, Map.of(new TopicPartition("kc.many-" + i, 0), 0L));
            }
            poller.poll().await().atMost(Duration.ofSeconds(30)); // first poll after: configs of the new topics
            before = poller.requestsSent();
            poller.poll().await().atMost(Duration.ofSeconds(30));
            long large = poller.requestsSent() - before;
            assertTrue(small > 0);
            assertEquals(small, large, "requests per poll with 5 more topics, 20 more partitions and 5 more groups");
        }
    }

    @Test
    void classicGroupsCostNoRetryBackOff() {
        // A group whose offsets were committed through the admin API is a classic group: the
        // AdminClient asks ConsumerGroupDescribe first and DescribeGroups after retry.backoff.ms.
        kafka.createTopic("classic-backoff", 1);
        kafka.produce("classic-backoff", 0, 5);
        kafka.commit("classic-backoff-group", Map.of(new TopicPartition("classic-backoff", 0), 2L));
        TestKafkaTarget target = TestKafkaTarget.of(TestServers.kafka().bootstrapServers()).withTopics("classic-backoff")
                .withGroups("classic-backoff-group");
        double ours = medianPollMillis(target);
        double withKafkasDefault = medianPollMillis(target.withProperties(Map.of("retry.backoff.ms", "100")));
        System.out.printf("classic group poll: %.1f ms (StreamFit) vs %.1f ms (retry.backoff.ms=100)%n", ours, withKafkasDefault);
        assertTrue(withKafkasDefault - ours > 50, "StreamFit's default does not wait Kafka's 100 ms back-off for classic groups: "
                + ours + " ms per poll vs " + withKafkasDefault + " ms with retry.backoff.ms=100");
        assertEquals(3L, lagByPartition(poll(target), "classic-backoff-group").get("classic-backoff-0"));
    }

    private static double medianPollMillis(TestKafkaTarget target) {
        try (KafkaTargetPoller poller = target.poller()) {
            poller.poll().await().atMost(Duration.ofSeconds(30));
            double[] millis = new double[7];
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                poller.poll().await().atMost(Duration.ofSeconds(30));
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(millis);
            return millis[millis.length / 2];
        }
    }
}
