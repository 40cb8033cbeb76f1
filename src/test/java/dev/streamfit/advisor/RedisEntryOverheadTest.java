package dev.streamfit.advisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestConfig;
import dev.streamfit.support.TestServers;

/**
 * Measures what Redis spends per stream entry beyond its payload, for payloads of 50, 200 and
 * 1,000 bytes, and checks that the default {@code streamfit.advisor.redis-entry-overhead-bytes}
 * lies within what was measured (README: "Estimated Redis memory").
 */
class RedisEntryOverheadTest {

    static final int ENTRIES = 5_000;

    @Test
    void theDefaultOverheadLiesWithinWhatRedisSpends() {
        int configured = TestConfig.load(Map.of()).advisor().redisEntryOverheadBytes();
        List<Double> measured = new ArrayList<>();
        try (RedisFixtures redis = new RedisFixtures(TestServers.redis().url())) {
            for (int size : new int[] {50, 200, 1000}) {
                String key = "overhead:" + size;
                String value = "x".repeat(size);
                for (int i = 0; i < ENTRIES; i++) {
                    redis.call("XADD", key, "*", "p", value);
                }
                long memory = redis.call("MEMORY", "USAGE", key, "SAMPLES", 0).toLong();
                measured.add((double) memory / ENTRIES - (size + 1));
                redis.call("DEL", key);
            }
        }
        double min = measured.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = measured.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("Redis stream entry overhead beyond the payload (50 / 200 / 1000 B): %s bytes%n", measured);
        assertTrue(min > 0, measured.toString());
        assertTrue(configured >= min && configured <= max, configured + " outside measured " + measured);
    }
}
