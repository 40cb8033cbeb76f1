package dev.streamfit.support;

import java.time.Duration;
import java.util.Map;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.kafka.KafkaTargetPoller;

/** A {@code streamfit.kafka.<name>} configuration built in code, for polling a broker directly. */
public record TestKafkaTarget(String bootstrapServers, String topics, String groups, Map<String, String> properties,
        boolean partitionMetrics) implements StreamFitConfig.KafkaTarget {

    /** The defaults of the configuration keys. */
    public static TestKafkaTarget of(String bootstrapServers) {
        return new TestKafkaTarget(bootstrapServers, ".*", ".*", Map.of(), false);
    }

    public TestKafkaTarget withTopics(String regex) {
        return new TestKafkaTarget(bootstrapServers, regex, groups, properties, partitionMetrics);
    }

    public TestKafkaTarget withGroups(String regex) {
        return new TestKafkaTarget(bootstrapServers, topics, regex, properties, partitionMetrics);
    }

    public TestKafkaTarget withProperties(Map<String, String> clientProperties) {
        return new TestKafkaTarget(bootstrapServers, topics, groups, clientProperties, partitionMetrics);
    }

    /** A poller with a 30 s poll timeout; the caller closes it. */
    public KafkaTargetPoller poller() {
        return poller(Duration.ofSeconds(30));
    }

    public KafkaTargetPoller poller(Duration timeout) {
        return new KafkaTargetPoller("test", this, timeout);
    }
}
