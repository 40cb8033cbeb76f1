package dev.streamfit.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

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

    Api api();

    default Duration effectivePollTimeout() {
        return pollTimeout().orElse(pollInterval());
    }

    /** How long a finding of {@code ruleId} must hold before it fires: its own {@code for}, else {@code streamfit.alerts.for}. */
    default Duration holdFor(String ruleId) {
        RuleSettings own = rules().byRule().get(ruleId);
        return own == null ? alerts().holdFor() : own.holdFor().orElse(alerts().holdFor());
    }

    /** {@code streamfit.api.*}. */
    interface Api {
        /**
         * Enables the one write endpoint, {@code POST /api/v1/alerts/test}, and is the bearer token it
         * requires. Unset: the endpoint is disabled.
         */
        Optional<String> adminToken();
    }

    /** {@code streamfit.advisor.*}: the verdict model's window, hysteresis and thresholds (SPEC: verdicts). */
    interface Advisor {
        /** The sliding window of history that rates, trends and activity are judged over. */
        @WithDefault("1h")
        Duration window();

        /** A workload observed for less than this is INSUFFICIENT_DATA. */
        @WithDefault("15m")
        Duration minObservation();

        /** A verdict changes only after the new one held for this many consecutive evaluations. */
        @WithDefault("3")
        int stableEvaluations();

        /** longRetention: the oldest retained event at least this old; also what makes a stream "kept like a log" for redis.durability-mismatch. */
        @WithDefault("24h")
        Duration longRetention();

        /** longTermValue (Kafka): retention at least this long, or unlimited. */
        @WithDefault("7d")
        Duration longTermRetention();

        /** fanOut: at least this many active consumer groups. */
        @WithDefault("2")
        int fanOutGroups();

        /** replay: a group behind by at least this share of what is retained consumes from far back. */
        @WithDefault("0.5")
        double replayBehindShare();

        /** replay (Redis, weak): XRANGE + XREVRANGE calls per second on the instance, StreamFit's own excluded. */
        @WithDefault("1")
        double historyReadsPerSecond();

        /** redis.memory.exhaustion-projected (a finding, and an Outgrown Redis signal): maxmemory reached within this horizon. */
        @WithDefault("24h")
        Duration memoryHorizon();

        /** redis.stream.memory-share (Outgrown Redis): one stream holding at least this share of maxmemory. */
        @WithDefault("0.25")
        double streamMemoryShare();

        /** redis.stream.write-rate (Outgrown Redis): a peak write rate (entries/s) near what one shard can take. */
        @WithDefault("25000")
        double shardWriteRate();

        /** Overbuilt Kafka: estimated Redis memory for the retained records within this budget. */
        @WithDefault("1073741824")
        long redisMemoryBudget();

        /** Overbuilt Kafka: peak rate (records/s) within this budget. */
        @WithDefault("1000")
        double rateBudget();

        /** Records/s one partition is assumed to carry when sizing partitions. */
        @WithDefault("1000")
        double partitionRate();

        /** kafka.topic.excess-partitions (Overbuilt Kafka): partitions at least this many times what rate and consumers need. */
        @WithDefault("4")
        int excessPartitionFactor();

        /** Bytes Redis spends per stream entry beyond its payload; measured, see README. */
        @WithDefault("64")
        int redisEntryOverheadBytes();
    }

    /**
     * {@code streamfit.rules.*}: thresholds of the health rules. (Not under {@code streamfit.kafka.*}:
     * every key there names a Kafka target.)
     */
    interface Rules {
        KafkaLagRules kafka();

        RedisRules redis();

        /**
         * {@code streamfit.rules."<rule id>".*}: settings of one rule by its id (quoted: ids hold dots),
         * e.g. {@code streamfit.rules."<rule id>".for=5m} with the id of a finding rule.
         */
        @WithParentName
        Map<String, RuleSettings> byRule();
    }

    /** {@code streamfit.rules."<rule id>".*}. */
    interface RuleSettings {
        /** How long a finding of this rule must hold before it fires; {@code streamfit.alerts.for} when unset. */
        @WithName("for")
        Optional<Duration> holdFor();
    }

    /** {@code streamfit.rules.redis.*}: thresholds of the Redis health rules. */
    interface RedisRules {
        /** redis.group.stalled: the oldest pending entry idle for longer than this. */
        @WithDefault("5m")
        Duration stalledAfter();

        /** redis.pending.poison: an entry delivered more than this many times. */
        @WithDefault("5")
        long poisonDeliveries();

        /** redis.memory.pressure: used_memory at least this share of maxmemory. */
        @WithDefault("0.9")
        double memoryPressure();
    }

    interface KafkaLagRules {
        /** A lagging partition whose committed offset has not moved for longer than this is STOP or STALL. */
        @WithDefault("5m")
        Duration stopAfter();
    }

    /** {@code streamfit.alerts.*}: the findings lifecycle and where notices go. */
    interface Alerts {
        /** How long a finding must hold before it fires. */
        @WithName("for")
        @WithDefault("1m")
        Duration holdFor();

        /** A finding that still fires is notified again after this long. */
        @WithDefault("4h")
        Duration repeatInterval();

        /**
         * StreamFit's base URL as receivers reach it ({@code externalURL}, links to the report page);
         * when unset, {@code http://<host name>:<http port>}.
         */
        Optional<String> externalUrl();

        /** On shutdown, how long the sinks may keep delivering what they hold before the rest is logged and left. */
        @WithDefault("10s")
        Duration drainTimeout();

        /** Webhook sinks by name. */
        Map<String, Webhook> webhooks();

        /** Push to an Alertmanager's {@code POST /api/v2/alerts} (when its url is set). */
        AlertmanagerPush alertmanager();
    }

    /** The payload a webhook sink sends. */
    enum WebhookFormat {
        /** Alertmanager's webhook payload, version 4. */
        ALERTMANAGER,
        /** A Slack incoming-webhook message. */
        SLACK,
        /** The finding as {@code /api/v1/findings} shows it, wrapped with the event. */
        STREAMFIT
    }

    /** {@code streamfit.alerts.webhooks.<name>.*}. */
    interface Webhook {
        String url();

        @WithDefault("alertmanager")
        WebhookFormat format();

        /** Standard Webhooks signing key, {@code whsec_<base64>}; unset: requests are not signed. */
        Optional<String> secret();

        /** The least severity sent: info, warning or critical. */
        @WithDefault("info")
        String minSeverity();

        /** Whether resolved notices are sent. */
        @WithDefault("true")
        boolean sendResolved();

        /** Extra request headers. */
        Map<String, String> headers();

        /** {@code bearer-token}, or {@code username} and {@code password} for basic auth. */
        Auth auth();

        /** alertmanager format: the labels alerts are grouped by into one notification. */
        @WithDefault("system,target")
        java.util.List<String> groupBy();

        /** alertmanager format: the most alerts in one notification (0: all); the rest are counted in truncatedAlerts. */
        @WithDefault("0")
        int maxAlerts();

        /** Notices waiting to be delivered; when full, the oldest is dropped. */
        @WithDefault("10000")
        int queueCapacity();

        /** How long one request may take. */
        @WithDefault("10s")
        Duration timeout();

        /** The first wait before a retry; it doubles per attempt (with jitter) up to max-backoff. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** A notice not delivered this long after it was raised is given up. */
        @WithDefault("1h")
        Duration maxRetryDuration();
    }

    /** Credentials of a webhook or of the Alertmanager push. */
    interface Auth {
        Optional<String> bearerToken();

        Optional<String> username();

        Optional<String> password();
    }

    /** {@code streamfit.alerts.alertmanager.*}. */
    interface AlertmanagerPush {
        /** Alertmanager's base URL, e.g. http://alertmanager:9093; unset: no push. */
        Optional<String> url();

        Auth auth();

        @WithDefault("10s")
        Duration timeout();
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
