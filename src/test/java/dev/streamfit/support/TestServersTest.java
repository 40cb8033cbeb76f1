package dev.streamfit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The fixtures build what they claim, checked by asking the real servers (and Kafka's own tool). */
class TestServersTest {

    @Test
    void redisFixturesCreateStreamsGroupsAndPendingEntries() {
        try (RedisFixtures redis = new RedisFixtures(TestServers.redis().url())) {
            redis.addEntries("fixtures:orders", 10);
            redis.createGroup("fixtures:orders", "billing", "0");
            assertEquals(4, redis.readGroup("fixtures:orders", "billing", "worker-1", 4));
            assertEquals(10, redis.call("XLEN", "fixtures:orders").toInteger());
            assertEquals(4, redis.call("XPENDING", "fixtures:orders", "billing").get(0).toInteger());
            redis.call("DEL", "fixtures:orders");
        }
    }

    @Test
    void kafkaFixturesCommitOffsetsThatKafkaConsumerGroupsReportsBack() {
        try (KafkaFixtures kafka = new KafkaFixtures(TestServers.kafka())) {
            kafka.createTopic("fixtures.payments", 2);
            kafka.produce("fixtures.payments", 0, 10);
            kafka.produce("fixtures.payments", 1, 3);
            kafka.commit("fixtures-group", Map.of(new TopicPartition("fixtures.payments", 0), 4L,
                    new TopicPartition("fixtures.payments", 1), 3L));

            List<KafkaFixtures.GroupCommandRow> rows = kafka.describeGroups(Optional.of("fixtures-group"));
            assertEquals(List.of(
                    new KafkaFixtures.GroupCommandRow("fixtures-group", "fixtures.payments", 0, 4L, 10L, 6L),
                    new KafkaFixtures.GroupCommandRow("fixtures-group", "fixtures.payments", 1, 3L, 3L, 0L)),
                    rows.stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList());
        }
    }
}
