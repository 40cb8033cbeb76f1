package dev.streamfit.advisor;

import dev.streamfit.findings.Severity;

/**
 * A measured condition that weighs on a verdict, e.g. {@code redis.memory.exhaustion-projected}.
 * {@code rule} is the id of the method that raised it in {@link RedisStreamRules} or {@link KafkaTopicRules}.
 */
public record Signal(String rule, Severity severity, Double value, Double threshold, String message) {
}
