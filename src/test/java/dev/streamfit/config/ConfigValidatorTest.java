package dev.streamfit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.streamfit.support.TestConfig;
import io.smallrye.config.ConfigValidationException;

/**
 * Every refused configuration, as a table: the properties, and the keys the refusal must name.
 * The mapping is built the way Quarkus builds it, then checked by {@link ConfigValidator}.
 */
class ConfigValidatorTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("1 negative poll interval", Map.of("streamfit.poll-interval", "-5s"), List.of("streamfit.poll-interval")),
                Arguments.of("2 zero poll interval", Map.of("streamfit.poll-interval", "0s"), List.of("streamfit.poll-interval")),
                Arguments.of("3 zero poll timeout", Map.of("streamfit.poll-timeout", "0ms"), List.of("streamfit.poll-timeout")),
                Arguments.of("4 unknown scheme", Map.of("streamfit.redis.main.url", "http://localhost:6379"), List.of("streamfit.redis.main.url")),
                Arguments.of("5 no scheme", Map.of("streamfit.redis.main.url", "localhost:6379"), List.of("streamfit.redis.main.url")),
                Arguments.of("6 malformed url", Map.of("streamfit.redis.main.url", "redis://local host:6379"), List.of("streamfit.redis.main.url")),
                Arguments.of("7 port out of range", Map.of("streamfit.redis.main.url", "redis://localhost:70000"), List.of("streamfit.redis.main.url")),
                Arguments.of("8 database not a number", Map.of("streamfit.redis.main.url", "redis://localhost:6379/zero"), List.of("streamfit.redis.main.url")),
                Arguments.of("9 empty streams glob", Map.of("streamfit.redis.main.url", "redis://localhost", "streamfit.redis.main.streams", " "), List.of("streamfit.redis.main.streams")),
                Arguments.of("10 empty bootstrap list", Map.of("streamfit.kafka.main.bootstrap-servers", " "), List.of("streamfit.kafka.main.bootstrap-servers")),
                Arguments.of("11 bootstrap without port", Map.of("streamfit.kafka.main.bootstrap-servers", "kafka-1"), List.of("streamfit.kafka.main.bootstrap-servers")),
                Arguments.of("12 bootstrap with empty entry", Map.of("streamfit.kafka.main.bootstrap-servers", "a:9092,,b:9092"), List.of("streamfit.kafka.main.bootstrap-servers")),
                Arguments.of("13 invalid topics regex", Map.of("streamfit.kafka.main.bootstrap-servers", "a:9092", "streamfit.kafka.main.topics", "orders.(*"), List.of("streamfit.kafka.main.topics")),
                Arguments.of("14 invalid groups regex", Map.of("streamfit.kafka.main.bootstrap-servers", "a:9092", "streamfit.kafka.main.groups", "[a-"), List.of("streamfit.kafka.main.groups")),
                Arguments.of("15 window longer than the history keeps", Map.of("streamfit.advisor.window", "25d"), List.of("streamfit.advisor.window")),
                Arguments.of("16 window shorter than its buckets", Map.of("streamfit.advisor.window", "50ms"), List.of("streamfit.advisor.window")),
                Arguments.of("18 webhook url not http", Map.of("streamfit.alerts.webhooks.ops.url", "ftp://hooks"), List.of("streamfit.alerts.webhooks.ops.url")),
                Arguments.of("19 webhook bearer and basic at once", Map.of("streamfit.alerts.webhooks.ops.url", "https://hooks",
                        "streamfit.alerts.webhooks.ops.auth.bearer-token", "t", "streamfit.alerts.webhooks.ops.auth.username", "u",
                        "streamfit.alerts.webhooks.ops.auth.password", "p"), List.of("streamfit.alerts.webhooks.ops.auth.bearer-token")),
                Arguments.of("20 webhook basic auth without password", Map.of("streamfit.alerts.webhooks.ops.url", "https://hooks",
                        "streamfit.alerts.webhooks.ops.auth.username", "u"), List.of("streamfit.alerts.webhooks.ops.auth.password")),
                Arguments.of("21 webhook zero queue", Map.of("streamfit.alerts.webhooks.ops.url", "https://hooks",
                        "streamfit.alerts.webhooks.ops.queue-capacity", "0"), List.of("streamfit.alerts.webhooks.ops.queue-capacity")),
                Arguments.of("22 negative rule for", Map.of("streamfit.rules.\"target.down\".for", "-1s"), List.of("streamfit.rules.\"target.down\".for")),
                Arguments.of("23 alertmanager url without host", Map.of("streamfit.alerts.alertmanager.url", "http:///x"), List.of("streamfit.alerts.alertmanager.url")),
                Arguments.of("24 zero repeat interval", Map.of("streamfit.alerts.repeat-interval", "0s"), List.of("streamfit.alerts.repeat-interval")),
                Arguments.of("17 every problem listed at once", Map.of(
                        "streamfit.poll-interval", "-5s",
                        "streamfit.redis.cache.url", "memcached://x:1",
                        "streamfit.kafka.events.bootstrap-servers", "kafka:port",
                        "streamfit.kafka.events.topics", "("),
                        List.of("streamfit.poll-interval", "streamfit.redis.cache.url", "streamfit.kafka.events.bootstrap-servers", "streamfit.kafka.events.topics")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNamingEveryKey(String name, Map<String, String> properties, List<String> keys) {
        List<ConfigValidator.Problem> problems = ConfigValidator.problems(load(properties));
        assertEquals(keys, problems.stream().map(ConfigValidator.Problem::key).toList(), problems.toString());
        problems.forEach(p -> assertTrue(p.message().length() > 5, p.toString()));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("defaults, no targets", Map.of()),
                Arguments.of("redis with user, password, db", Map.of("streamfit.redis.main.url", "redis://ops:pw@10.0.0.1:6380/2")),
                Arguments.of("redis TLS, default port", Map.of("streamfit.redis.main.url", "rediss://cache.internal")),
                Arguments.of("kafka list and client properties", Map.of("streamfit.kafka.main.bootstrap-servers", "k1:9092, k2:9093",
                        "streamfit.kafka.main.properties.\"security.protocol\"", "SASL_SSL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, Map<String, String> properties) {
        assertEquals(List.of(), ConfigValidator.problems(load(properties)));
    }

    @org.junit.jupiter.api.Test
    void theLaterStagesRefuseAnUnknownRuleABadSeverityAndABadSigningKeyNamingEachKey() {
        StreamFitConfig config = load(Map.of("streamfit.rules.\"redis.group.stalld\".for", "5m",
                "streamfit.rules.\"kafka.topic.idle\".for", "5m",
                "streamfit.alerts.webhooks.ops.url", "https://hooks.example/ops",
                "streamfit.alerts.webhooks.ops.min-severity", "urgent",
                "streamfit.alerts.webhooks.ops.secret", "whsec_dG9vIHNob3J0"));
        List<ConfigValidator.Problem> problems = new java.util.ArrayList<>(new dev.streamfit.findings.RuleSettingsCheck().problems(config));
        problems.addAll(new dev.streamfit.alerting.AlertsConfigCheck().problems(config));
        assertEquals(List.of("streamfit.alerts.webhooks.ops.min-severity", "streamfit.alerts.webhooks.ops.secret",
                "streamfit.rules.\"kafka.topic.idle\"", "streamfit.rules.\"redis.group.stalld\""),
                problems.stream().map(ConfigValidator.Problem::key).sorted().toList(),
                problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("dG9vIHNob3J0")), "the secret is not echoed: " + problems);
    }

    @org.junit.jupiter.api.Test
    void aValueOfTheWrongTypeIsRefusedByTheMappingNamingTheKey() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> load(Map.of("streamfit.poll-interval", "often")));
        assertTrue(e.getMessage().contains("streamfit.poll-interval"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void anEmptyRequiredValueIsRefusedByTheMappingNamingTheKey() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> load(Map.of("streamfit.kafka.events.bootstrap-servers", "")));
        assertTrue(e.getMessage().contains("streamfit.kafka.events.bootstrap-servers"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void targetsAndClientPropertiesAreReadAsMaps() {
        StreamFitConfig config = load(Map.of("streamfit.kafka.main.bootstrap-servers", "k1:9092",
                "streamfit.kafka.main.properties.\"sasl.mechanism\"", "PLAIN",
                "streamfit.redis.eu.url", "redis://a:1", "streamfit.redis.us.url", "redis://b:2"));
        assertEquals(Map.of("sasl.mechanism", "PLAIN"), config.kafka().get("main").properties());
        assertEquals(java.util.Set.of("eu", "us"), config.redis().keySet());
        assertEquals("*", config.redis().get("eu").streams());
        assertEquals(".*", config.kafka().get("main").topics());
    }

    static StreamFitConfig load(Map<String, String> properties) {
        return TestConfig.load(properties);
    }
}
