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

    default Duration effectivePollTimeout() {
        return pollTimeout().orElse(pollInterval());
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
    }
}
