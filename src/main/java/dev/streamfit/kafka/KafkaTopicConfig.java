package dev.streamfit.kafka;

/** The topic configs StreamFit reads (describeConfigs); null where the broker did not say. */
public record KafkaTopicConfig(Long retentionMs, Long retentionBytes, String cleanupPolicy, Integer minInsyncReplicas) {
}
