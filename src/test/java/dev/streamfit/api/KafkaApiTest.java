package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Lag status and time lag as the running service evaluates them poll after poll against a real
 * broker (poll every 1 s, stop-after 3 s), and the Kafka API and metrics.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class KafkaApiTest {

    private static KafkaFixtures kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaFixtures(TestServers.kafka());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** The group as the API shows it, or an empty map while it is not listed yet. */
    static Map<String, Object> group(String name) {
        List<Map<String, Object>> groups = given().get("/api/v1/kafka/main/groups").then().statusCode(200).extract().jsonPath().getList("$");
        return groups.stream().filter(g -> name.equals(g.get("group"))).findFirst().orElse(Map.of());
    }

    /** The topic as the API shows it, or an empty map while it is not listed yet. */
    static Map<String, Object> topic(String name) {
        List<Map<String, Object>> topics = given().get("/api/v1/kafka/main/topics").then().statusCode(200).extract().jsonPath().getList("$");
        return topics.stream().filter(t -> name.equals(t.get("topic"))).findFirst().orElse(Map.of());
    }

    @Test
    void aCommittedOffsetMovedBackIsRewind() {
        kafka.createTopic("ka.rewind", 1);
        kafka.produce("ka.rewind", 0, 20);
        kafka.commit("ka-rewind", Map.of(new TopicPartition("ka.rewind", 0), 20L));
        await().atMost(Duration.ofSeconds(15)).until(() -> "OK".equals(group("ka-rewind").get("status")));
        kafka.commit("ka-rewind", Map.of(new TopicPartition("ka.rewind", 0), 5L));
        await().atMost(Duration.ofSeconds(15)).until(() -> "REWIND".equals(group("ka-rewind").get("status")));
        assertEquals(15, group("ka-rewind").get("lag"));
        given().get("/api/v1/findings").then()
                .body("find { it.rule == 'kafka.group.status' && it.group == 'ka-rewind' }.message", containsString("REWIND"));
    }

    @Test
    void productionWithoutCommitsIsStopEvenAfterAZeroLagStart() throws Exception {
        kafka.createTopic("ka.stop", 1);
        kafka.produce("ka.stop", 0, 5);
        kafka.commit("ka-stop", Map.of(new TopicPartition("ka.stop", 0), 5L));
        await().atMost(Duration.ofSeconds(15)).until(() -> "OK".equals(group("ka-stop").get("status")));
        try (AutoCloseable producing = kafka.producing("ka.stop", 0)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "STOP".equals(group("ka-stop").get("status")));
        }
        Map<String, Object> stopped = group("ka-stop");
        assertTrue(((Number) stopped.get("lag")).longValue() > 0);
        assertEquals(0, stopped.get("members"));
        @SuppressWarnings("unchecked")
        Map<String, Object> partition = ((List<Map<String, Object>>) stopped.get("partitions")).get(0);
        assertEquals("STOP", partition.get("status"));
        assertEquals(5, partition.get("committedOffset"));
    }

    @Test
    void timeLagIsHowLongTheOldestUnconsumedRecordHasWaited() throws Exception {
        kafka.createTopic("ka.timelag", 1);
        kafka.produce("ka.timelag", 0, 3);
        await().atMost(Duration.ofSeconds(15)).until(() -> !topic("ka.timelag").isEmpty());
        Thread.sleep(2500); // the history holds log end 3 for a while before the next records
        long producedAt = System.currentTimeMillis();
        kafka.produce("ka.timelag", 0, 5);
        kafka.commit("ka-timelag", Map.of(new TopicPartition("ka.timelag", 0), 3L));
        Thread.sleep(5000);
        Map<String, Object> g = group("ka-timelag");
        double truth = (System.currentTimeMillis() - producedAt) / 1000.0;
        assertNotNull(g.get("lagSeconds"), g.toString());
        double lagSeconds = ((Number) g.get("lagSeconds")).doubleValue();
        assertTrue(Math.abs(lagSeconds - truth) <= 1.5, "time lag " + lagSeconds + " s, truth " + truth + " s (poll interval 1 s)");
        assertEquals(5, g.get("lag"));
    }

    @Test
    void topicsHaveTheContractShape() {
        kafka.createTopic("ka.shape", 2, Map.of("retention.ms", "3600000", "cleanup.policy", "compact"));
        kafka.produce("ka.shape", 0, 4);
        kafka.commit("ka-shape", Map.of(new TopicPartition("ka.shape", 0), 1L));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(List.of("ka-shape"), topic("ka.shape").get("groups")));
        Map<String, Object> t = topic("ka.shape");
        assertEquals(2, t.get("partitions"));
        assertEquals(1, t.get("replicationFactor"));
        assertEquals(3600000, t.get("retentionMs"));
        assertEquals("compact", t.get("cleanupPolicy"));
        for (String field : List.of("retentionBytes", "sizeBytes", "recordsPerSecond", "oldestRecordAgeSeconds")) {
            assertTrue(t.containsKey(field), field);
        }
        given().get("/api/v1/kafka/nope/topics").then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/kafka/down/groups").then().statusCode(503));
    }

    @Test
    void metricsAggregatePerTopicAndPerPartitionWhenEnabled() {
        kafka.createTopic("ka.metrics", 2);
        kafka.produce("ka.metrics", 0, 6);
        kafka.produce("ka.metrics", 1, 4);
        kafka.commit("ka-metrics", Map.of(new TopicPartition("ka.metrics", 0), 1L, new TopicPartition("ka.metrics", 1), 2L));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("streamfit_kafka_consumergroup_lag{target=\"main\",group=\"ka-metrics\",topic=\"ka.metrics\"} 7.0"), metrics);
            assertTrue(metrics.contains("streamfit_kafka_consumergroup_partition_lag{target=\"main\",group=\"ka-metrics\",topic=\"ka.metrics\",partition=\"0\"} 5.0"));
            assertTrue(metrics.contains("streamfit_kafka_topic_partitions{target=\"main\",topic=\"ka.metrics\"} 2.0"));
            assertTrue(metrics.contains("streamfit_kafka_consumergroup_status{target=\"main\",group=\"ka-metrics\"}"));
        });
        given().get("/api/v1/kafka/main/groups").then().statusCode(200)
                .body("find { it.group == 'ka-metrics' }.partitions.size()", equalTo(2));
    }

    @Test
    void recordsDeletedBeforeTheGroupConsumedThemAreCountedApartFromTheLag() throws Exception {
        TopicPartition partition = new TopicPartition("ka.lost", 0);
        kafka.createTopic("ka.lost", 1);
        kafka.produce("ka.lost", 0, 10);
        kafka.commit("ka-lost", Map.of(partition, 2L));
        // What retention does, at once: records before offset 6 are gone; the group had read up to 2.
        kafka.admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(6))).all().get();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("streamfit_kafka_consumergroup_lost_to_retention{target=\"main\",group=\"ka-lost\",topic=\"ka.lost\"} 4.0"), metrics);
            assertTrue(metrics.contains("streamfit_kafka_consumergroup_lag{target=\"main\",group=\"ka-lost\",topic=\"ka.lost\"} 4.0"), metrics);
        });
    }

    @Test
    void metricsSayThePartitionsATopicNeedsAndThePollInterval() {
        kafka.createTopic("ka.needed", 8);
        kafka.produce("ka.needed", 0, 3);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            // A trickle and no consumer: one partition would do (peak ÷ 1000 records/s rounds up to 1).
            assertTrue(metrics.contains("streamfit_kafka_topic_partitions_needed{target=\"main\",topic=\"ka.needed\"} 1.0"), metrics);
            // Written by the Prometheus client, which ends the labels with a comma in the classic text format.
            assertTrue(Pattern.compile("streamfit_poll_interval_seconds\\{system=\"kafka\",target=\"main\",?} 1\\.0").matcher(metrics).find(), metrics);
        });
        given().get("/api/v1/workloads").then().statusCode(200)
                .body("find { it.system == 'kafka' && it.name == 'ka.needed' }.partitionsNeeded", equalTo(1));
    }
}
