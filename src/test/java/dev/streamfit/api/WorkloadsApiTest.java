package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The archetypes end to end against real Redis and Kafka (min-observation 2 s, 2 stable
 * evaluations): a stream that outgrew Redis, a healthy stream, an overbuilt topic, healthy topics.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class WorkloadsApiTest {

    private static RedisFixtures redis;
    private static KafkaFixtures kafka;

    @BeforeAll
    static void buildArchetypes() {
        redis = new RedisFixtures(TestServers.redis().url());
        kafka = new KafkaFixtures(TestServers.kafka());
        // Outgrown: two groups reading a stream that keeps 29.5 h of events (2 yes) on a server without persistence.
        long oldest = System.currentTimeMillis() - 106_200_000L;
        for (int i = 0; i < 30; i++) {
            redis.call("XADD", "wl:orders", (oldest + i * 3_600_000L) + "-0", "n", i);
        }
        redis.createGroup("wl:orders", "billing", "0");
        redis.createGroup("wl:orders", "shipping", "0");
        redis.readGroup("wl:orders", "billing", "b1", 10);
        redis.readGroup("wl:orders", "shipping", "s1", 5);
        // Fits Redis: capped, no group relies on it.
        for (int i = 0; i < 20; i++) {
            redis.call("XADD", "wl:cache", "MAXLEN", "10", "*", "n", i);
        }
        // Overbuilt Kafka: 24 partitions, one group at the tail, 1 h retention.
        kafka.createTopic("wl.notifications", 24, Map.of("retention.ms", "3600000"));
        kafka.produce("wl.notifications", 0, 10);
        kafka.commit("wl-notifier", Map.of(new TopicPartition("wl.notifications", 0), 10L));
        // Fits Kafka: compacted state.
        kafka.createTopic("wl.profiles", 24, Map.of("cleanup.policy", "compact"));
    }

    @AfterAll
    static void cleanUp() {
        if (redis != null) {
            redis.call("DEL", "wl:orders", "wl:cache");
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> workload(String system, String name) {
        List<Map<String, Object>> all = given().get("/api/v1/workloads").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(w -> system.equals(w.get("system")) && name.equals(w.get("name"))).findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static String answer(Map<String, Object> workload, String question) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) workload.get("questions")).get(question)).get("answer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStreamThatOutgrewRedisWithEvidenceAndNumbers() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "OUTGROWN_REDIS".equals(workload("redis", "wl:orders").get("verdict")));
        Map<String, Object> orders = workload("redis", "wl:orders");
        assertEquals("YES", answer(orders, "fanOut"));
        assertEquals("YES", answer(orders, "longRetention"));
        String fanOut = (String) ((Map<String, Object>) ((Map<String, Object>) orders.get("questions")).get("fanOut")).get("evidence");
        assertTrue(fanOut.contains("billing") && fanOut.contains("shipping"), fanOut);
        List<Map<String, Object>> signals = (List<Map<String, Object>>) orders.get("signals");
        assertTrue(signals.stream().anyMatch(s -> "redis.durability-mismatch".equals(s.get("rule"))), signals.toString());
        Map<String, Object> recommendation = (Map<String, Object>) orders.get("recommendation");
        assertEquals(1, recommendation.get("kafkaPartitions"), "peak rate ≪ 1,000/s, one consumer per group");
        assertEquals(45, recommendation.get("kafkaRetentionHours"), "1.5 × the 29.5 h oldest entry, rounded up");
        given().get("/api/v1/findings").then().statusCode(200)
                .body("find { it.rule == 'verdict.outgrown-redis' && it.workload == 'wl:orders' }.severity", org.hamcrest.Matchers.equalTo("warning"));
    }

    @Test
    void aCappedStreamWithoutGroupsFitsRedis() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "FITS".equals(workload("redis", "wl:cache").get("verdict")));
        assertEquals("NO", answer(workload("redis", "wl:cache"), "longTermValue"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTopicOverbuiltOnKafkaWithRedisMemoryMaxlenAndGroups() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "OVERBUILT_KAFKA".equals(workload("kafka", "wl.notifications").get("verdict")));
        Map<String, Object> topic = workload("kafka", "wl.notifications");
        List<String> rules = ((List<Map<String, Object>>) topic.get("signals")).stream().map(s -> (String) s.get("rule")).toList();
        assertTrue(rules.contains("kafka.topic.excess-partitions"), rules.toString());
        assertTrue(rules.contains("kafka.topic.queue-like"), rules.toString());
        Map<String, Object> recommendation = (Map<String, Object>) topic.get("recommendation");
        assertEquals(List.of("wl-notifier"), recommendation.get("groups"));
        assertEquals(1000, recommendation.get("maxlen"));
        assertTrue(((Number) recommendation.get("redisMemoryBytes")).longValue() >= 10 * 64, recommendation.toString());
    }

    @Test
    void aCompactedTopicFitsKafkaWhateverItsPartitions() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "FITS".equals(workload("kafka", "wl.profiles").get("verdict")));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("streamfit_workload_verdict{system=\"kafka\",target=\"main\",workload=\"wl.profiles\",verdict=\"FITS\"} 1.0"), metrics);
    }

    @Inject
    AdvisorService advisor;
    @Inject
    ObjectMapper mapper;

    /**
     * The answer is joined from per-target parts written once per evaluation: it must read exactly as
     * the advisor's list written whole would — every workload, act-on verdicts first across targets.
     * Evaluations run every second, so the two are compared until one pair falls between two of them.
     */
    @Test
    void theAnswerJoinedFromTargetPartsIsTheAdvisorsListWrittenWhole() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> everyWorkload().stream().anyMatch(w -> w.verdict().actOn())
                && advisor.targets().size() >= 2);
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Workload> before = everyWorkload();
            String answer = given().get("/api/v1/workloads").then().statusCode(200).extract().asString();
            if (before.equals(everyWorkload())) {
                JsonNode whole = mapper.readTree(mapper.writeValueAsBytes(before));
                assertEquals(whole, mapper.readTree(answer));
                assertTrue(whole.size() > 2, "several targets' workloads: " + whole.size());
                return;
            }
        }
        throw new AssertionError("no answer fell between two evaluations in 20 attempts");
    }

    /** The advisor's workloads of every target, in the order the API promises, as one list. */
    private List<Workload> everyWorkload() {
        return advisor.targets().stream().flatMap(t -> advisor.workloads(t).stream()).sorted(AdvisorService.ACT_ON_FIRST).toList();
    }
}
