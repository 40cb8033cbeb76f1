package dev.streamfit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.kafka.PartlyUnreachableAdmin.Call;
import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Gap;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.TestServers;

/**
 * A poll whose listing or describe fails (the call times out against a real broker address where
 * nothing answers, while the rest of the poll reaches the real broker) keeps what the previous poll
 * knew, marked stale with the reason, and has a gap; only a successful listing without a topic or
 * group removes it.
 */
class KafkaPartialPollTest {

    private static final TargetId TARGET = new TargetId(SystemKind.KAFKA, "partial");
    private static KafkaFixtures kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixtures(TestServers.kafka());
        kafka.createTopic("pp.orders", 2);
        kafka.createTopic("pp.payments", 1);
        kafka.produce("pp.orders", 0, 8);
        kafka.produce("pp.payments", 0, 4);
        kafka.commit("pp-billing", Map.of(new TopicPartition("pp.orders", 0), 3L));
        kafka.commit("pp-audit", Map.of(new TopicPartition("pp.payments", 0), 1L));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static KafkaCollector collector() {
        return new KafkaCollector("pp\\..*", "pp-.*", 3000);
    }

    private static KafkaTargetSnapshot poll(KafkaCollector collector, Admin admin) {
        return collector.collect(admin, TARGET).await().atMost(Duration.ofSeconds(30));
    }

    private static KafkaTargetSnapshot pollWith(KafkaCollector collector, Call unreachable, Call... more) {
        try (PartlyUnreachableAdmin admin = new PartlyUnreachableAdmin(TestServers.kafka().bootstrapServers(), unreachable, more)) {
            return poll(collector, admin);
        }
    }

    private static List<String> names(List<? extends Object> items) {
        return items.stream().map(i -> i instanceof KafkaTopicSnapshot t ? t.topic() : ((KafkaGroupSnapshot) i).group()).toList();
    }

    @Test
    void aListGroupsThatTimesOutKeepsEveryGroupAsLastSeenStaleUntilAListingDecides() throws Exception {
        kafka.commit("pp-doomed", Map.of(new TopicPartition("pp.orders", 1), 0L));
        KafkaCollector collector = collector();
        try (Admin admin = TestServers.kafka().admin()) {
            KafkaTargetSnapshot before = poll(collector, admin);
            assertEquals(List.of("pp-audit", "pp-billing", "pp-doomed"), names(before.groups()));
            assertEquals(List.of(), before.gaps());

            KafkaTargetSnapshot partial = pollWith(collector, Call.LIST_GROUPS);
            assertEquals(List.of("pp-audit", "pp-billing", "pp-doomed"), names(partial.groups()), "not listed is not deleted");
            for (int i = 0; i < before.groups().size(); i++) {
                KafkaGroupSnapshot kept = partial.groups().get(i);
                assertTrue(kept.stale(), kept.group());
                assertTrue(kept.staleReason().startsWith("Describe on Group (listGroups) failed: "), kept.staleReason());
                assertEquals(before.groups().get(i).committed(), kept.committed(), "the previous knowledge, unchanged");
            }
            assertEquals(List.of("Describe on Group (listGroups)"), partial.gaps().stream().map(Gap::subject).toList());
            assertTrue(partial.problems().stream().anyMatch(p -> p.kind() == CollectionProblem.Kind.FAILED
                    && p.subject().equals("Describe on Group (listGroups)")), partial.problems().toString());
            assertTrue(partial.topics().stream().noneMatch(KafkaTopicSnapshot::stale), "the topics were listed: fresh");

            kafka.admin().deleteConsumerGroups(List.of("pp-doomed")).all().get(30, TimeUnit.SECONDS);
            KafkaTargetSnapshot after = poll(collector, admin);
            assertEquals(List.of("pp-audit", "pp-billing"), names(after.groups()), "a successful listing without it removes it");
            assertTrue(after.groups().stream().noneMatch(KafkaGroupSnapshot::stale));
            assertEquals(List.of(), after.gaps());
        }
    }

    @Test
    void aListTopicsThatTimesOutKeepsEveryTopicStaleAndDescribesNoneAnew() {
        KafkaCollector collector = collector();
        try (Admin admin = TestServers.kafka().admin()) {
            KafkaTargetSnapshot before = poll(collector, admin);
            assertEquals(List.of("pp.orders", "pp.payments"), names(before.topics()));
            kafka.produce("pp.orders", 0, 5);

            KafkaTargetSnapshot partial;
            try (PartlyUnreachableAdmin unreachable = new PartlyUnreachableAdmin(TestServers.kafka().bootstrapServers(), Call.LIST_TOPICS)) {
                partial = poll(collector, unreachable);
                assertEquals(0, unreachable.describeTopicsSent.get(), "what cannot be listed is not described anew");
            }
            assertEquals(List.of("pp.orders", "pp.payments"), names(partial.topics()));
            for (int i = 0; i < before.topics().size(); i++) {
                KafkaTopicSnapshot kept = partial.topics().get(i);
                assertTrue(kept.staleReason().startsWith("Describe on Cluster (listTopics) failed: "), kept.staleReason());
                assertEquals(before.topics().get(i), kept.stale(null), "the previous snapshot, only marked");
            }
            assertEquals(8L, partial.topics().get(0).partitions().get(0).logEndOffset(), "the last known log end, not a new observation");
            assertEquals(List.of("Describe on Cluster (listTopics)"), partial.gaps().stream().map(Gap::subject).toList());
            assertTrue(partial.groups().stream().noneMatch(KafkaGroupSnapshot::stale), "the groups were listed: fresh");

            KafkaTargetSnapshot back = poll(collector, admin);
            assertTrue(back.topics().stream().noneMatch(KafkaTopicSnapshot::stale));
            assertEquals(13L, back.topics().get(0).partitions().get(0).logEndOffset());
        }
    }

    @Test
    void topicsWhoseDescribeTimesOutKeepTheirPreviousSnapshotStaleAndANewTopicIsNotInvented() {
        KafkaCollector collector = collector();
        try (Admin admin = TestServers.kafka().admin()) {
            KafkaTargetSnapshot before = poll(collector, admin);
            kafka.createTopic("pp.new", 1);
            KafkaTargetSnapshot partial = pollWith(collector, Call.DESCRIBE_TOPICS);
            assertEquals(List.of("pp.orders", "pp.payments"), names(partial.topics()),
                    "listed but never described: unknown, so absent — and the poll says it has a gap");
            partial.topics().forEach(t -> assertTrue(t.staleReason().startsWith("Describe on Topic failed: "), t.staleReason()));
            assertEquals(before.topics(), partial.topics().stream().map(t -> t.stale(null)).toList());
            assertEquals(List.of("Describe on Topic"), partial.gaps().stream().map(Gap::subject).toList());
            assertEquals(List.of("pp.new", "pp.orders", "pp.payments"), names(poll(collector, admin).topics()));
        } finally {
            try {
                kafka.admin().deleteTopics(List.of("pp.new")).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aGroupWhoseDescriptionOrOffsetsTimeOutKeepsItsPreviousSnapshotStale() {
        KafkaCollector collector = collector();
        try (Admin admin = TestServers.kafka().admin()) {
            KafkaTargetSnapshot before = poll(collector, admin);
            kafka.commit("pp-billing", Map.of(new TopicPartition("pp.orders", 0), 5L));

            KafkaTargetSnapshot noDescription = pollWith(collector, Call.DESCRIBE_GROUPS);
            assertEquals(before.groups(), noDescription.groups().stream().map(g -> g.stale(null)).toList(),
                    "the committed offset 3 as last seen, not the 5 nobody could read");
            noDescription.groups().forEach(g -> assertTrue(g.staleReason().startsWith("Describe on Group failed: "), g.staleReason()));

            KafkaTargetSnapshot noOffsets = pollWith(collector, Call.GROUP_OFFSETS);
            assertEquals(before.groups(), noOffsets.groups().stream().map(g -> g.stale(null)).toList(),
                    "a group without its offsets would look like one that never committed");
            noOffsets.groups().forEach(g -> assertTrue(g.staleReason().startsWith("Describe on Group (offsets) failed: "), g.staleReason()));
            assertEquals(List.of("Describe on Group (offsets)"), noOffsets.gaps().stream().map(Gap::subject).toList());

            KafkaGroupSnapshot billing = poll(collector, admin).groups().stream().filter(g -> g.group().equals("pp-billing")).findFirst()
                    .orElseThrow();
            assertNull(billing.staleReason());
            assertEquals(5L, billing.committed().get(0).offset());
            assertFalse(billing.stale());
        }
    }
}
