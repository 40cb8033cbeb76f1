package dev.streamfit.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code streamfit.*} key. Values are checked beyond their type by {@link ConfigValidator},
 * which stops start-up naming each offending key.
 */
@ConfigMapping(prefix = "streamfit")
public interface StreamFitConfig {

    /** How often each target is polled. */
    @WithDefault("15s")
    Duration pollInterval();

    /** Upper bound of one poll; a poll that takes longer is abandoned and the target reported down. Defaults to the poll interval. */
    Optional<Duration> pollTimeout();

    /** Redis targets by name. */
    Map<String, RedisTarget> redis();

    /** Kafka targets by name. */
    Map<String, KafkaTarget> kafka();

    Advisor advisor();

    Alerts alerts();

    Rules rules();

    default Duration effectivePollTimeout() {
        return pollTimeout().orElse(pollInterval());
    }

    interface Advisor {
        /** The sliding window of history that rates, trends and activity are judged over. */
        @WithDefault("1h")
        Duration window();
    }

    /**
     * {@code streamfit.rules.*}: thresholds of the health rules. (Not under {@code streamfit.kafka.*}:
     * every key there names a Kafka target.)
     */
    interface Rules {
        KafkaLagRules kafka();
    }

    interface KafkaLagRules {
        /** A lagging partition whose committed offset has not moved for longer than this is STOP or STALL. */
        @WithDefault("5m")
        Duration stopAfter();
    }

    interface Alerts {
        /** How long a finding must hold before it fires. */
        @WithName("for")
        @WithDefault("1m")
        Duration holdFor();
    }

    interface RedisTarget {
        /** {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS. */
        String url();

        /** SCAN MATCH glob selecting the streams to watch. */
        @WithDefault("*")
        String streams();

        /** Redis Cluster: poll every primary. */
        @WithDefault("false")
        boolean cluster();

        /** SAMPLES of MEMORY USAGE: nested values sampled per stream (0, "all", is refused: it is O(n)). */
        @WithDefault("5")
        int memorySamples();

        /** Per-consumer series in the metrics (consumer names become labels). */
        @WithDefault("false")
        boolean consumerMetrics();

        /** Streams kept per poll; beyond it the largest by memory are kept and a finding says how many were left out. */
        @WithDefault("10000")
        int maxStreams();

        /** Streams per pipelined batch: a batch costs two round trips whatever its size. */
        @WithDefault("200")
        int pipelineBatch();
    }

    interface KafkaTarget {
        /** {@code host:port[,host:port]}. */
        @WithName("bootstrap-servers")
        String bootstrapServers();

        /** Regex of the topics to watch; internal topics are always excluded. */
        @WithDefault(".*")
        String topics();

        /** Regex of the consumer groups to watch. */
        @WithDefault(".*")
        String groups();

        /** Kafka client properties passed to the AdminClient as they are (security.protocol, sasl.*, ssl.*). */
        Map<String, String> properties();

        /** Per-partition series (a {@code partition} label) besides the per-topic ones. */
        @WithDefault("false")
        boolean partitionMetrics();
    }
}
