package dev.streamfit.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.streamfit.history.SampleRing;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks what the type system cannot: URLs, bootstrap lists, regexes and durations. Runs first at
 * start-up and stops it with every problem listed, each under its full key, so an operator fixes
 * the whole file in one go.
 */
@ApplicationScoped
public class ConfigValidator {

    public record Problem(String key, String message) {
        @Override
        public String toString() {
            return key + " " + message;
        }
    }

    void onStart(@Observes @Priority(1) StartupEvent event, StreamFitConfig config) {
        List<Problem> problems = problems(config);
        if (!problems.isEmpty()) {
            StringBuilder text = new StringBuilder("Invalid StreamFit configuration (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):");
            problems.forEach(p -> text.append("\n  - ").append(p));
            throw new ConfigurationException(text.toString());
        }
    }

    public static List<Problem> problems(StreamFitConfig config) {
        List<Problem> problems = new ArrayList<>();
        positive(problems, "streamfit.poll-interval", config.pollInterval());
        config.pollTimeout().ifPresent(t -> positive(problems, "streamfit.poll-timeout", t));
        positive(problems, "streamfit.advisor.window", config.advisor().window());
        historyWindow(problems, "streamfit.advisor.window", config.advisor().window());
        positive(problems, "streamfit.rules.kafka.stop-after", config.rules().kafka().stopAfter());
        positive(problems, "streamfit.rules.redis.stalled-after", config.rules().redis().stalledAfter());
        StreamFitConfig.Advisor advisor = config.advisor();
        positive(problems, "streamfit.advisor.min-observation", advisor.minObservation());
        positive(problems, "streamfit.advisor.long-retention", advisor.longRetention());
        positive(problems, "streamfit.advisor.long-term-retention", advisor.longTermRetention());
        positive(problems, "streamfit.advisor.memory-horizon", advisor.memoryHorizon());
        atLeast(problems, "streamfit.advisor.stable-evaluations", advisor.stableEvaluations(), 1, "");
        atLeast(problems, "streamfit.advisor.fan-out-groups", advisor.fanOutGroups(), 2, "");
        atLeast(problems, "streamfit.advisor.excess-partition-factor", advisor.excessPartitionFactor(), 2, "");
        share(problems, "streamfit.advisor.replay-behind-share", advisor.replayBehindShare());
        share(problems, "streamfit.advisor.stream-memory-share", advisor.streamMemoryShare());
        share(problems, "streamfit.rules.redis.memory-pressure", config.rules().redis().memoryPressure());
        for (var rate : java.util.Map.of("streamfit.advisor.shard-write-rate", advisor.shardWriteRate(),
                "streamfit.advisor.rate-budget", advisor.rateBudget(), "streamfit.advisor.partition-rate", advisor.partitionRate(),
                "streamfit.advisor.history-reads-per-second", advisor.historyReadsPerSecond()).entrySet()) {
            if (!(rate.getValue() > 0)) {
                problems.add(new Problem(rate.getKey(), "is " + rate.getValue() + "; must be a positive number"));
            }
        }
        if (config.alerts().holdFor().isNegative()) {
            problems.add(new Problem("streamfit.alerts.for", "is negative; must be 0s (fire at once) or a positive duration"));
        }

        for (Map.Entry<String, StreamFitConfig.RedisTarget> e : config.redis().entrySet()) {
            String prefix = "streamfit.redis." + key(e.getKey()) + ".";
            StreamFitConfig.RedisTarget target = e.getValue();
            check(problems, prefix + "url", () -> RedisUrl.parse(target.url()));
            if (target.streams().isBlank()) {
                problems.add(new Problem(prefix + "streams", "is empty; expected a SCAN MATCH glob such as * or orders:*"));
            }
            atLeast(problems, prefix + "memory-samples", target.memorySamples(), 1,
                    "; 0 would make MEMORY USAGE read every entry");
            atLeast(problems, prefix + "max-streams", target.maxStreams(), 1, "");
            atLeast(problems, prefix + "pipeline-batch", target.pipelineBatch(), 1, "");
        }
        for (Map.Entry<String, StreamFitConfig.KafkaTarget> e : config.kafka().entrySet()) {
            String prefix = "streamfit.kafka." + key(e.getKey()) + ".";
            StreamFitConfig.KafkaTarget target = e.getValue();
            check(problems, prefix + "bootstrap-servers", () -> BootstrapServers.parse(target.bootstrapServers()));
            regex(problems, prefix + "topics", target.topics());
            regex(problems, prefix + "groups", target.groups());
        }
        return problems;
    }

    /** Map keys with dots or other specials are written quoted in property files; name them so. */
    private static String key(String name) {
        return name.matches("[A-Za-z0-9_-]+") ? name : "\"" + name + "\"";
    }

    private static void positive(List<Problem> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(new Problem(key, "is " + value.toString().substring(2).toLowerCase() + "; must be a positive duration such as 15s"));
        }
    }

    /** The history divides the window into buckets of at least 1 ms and counts times in int milliseconds. */
    private static void historyWindow(List<Problem> problems, String key, Duration value) {
        String shown = value.toString().substring(2).toLowerCase();
        if (value.compareTo(SampleRing.MAX_WINDOW) > 0) {
            problems.add(new Problem(key, "is " + shown + "; must be at most " + SampleRing.MAX_WINDOW.toDays() + "d, the longest history StreamFit keeps"));
        } else if (value.compareTo(Duration.ZERO) > 0 && value.toMillis() < SampleRing.BUCKETS_PER_WINDOW) {
            problems.add(new Problem(key, "is " + shown + "; must be at least " + SampleRing.BUCKETS_PER_WINDOW + "ms, 1 ms per history bucket"));
        }
    }

    private static void atLeast(List<Problem> problems, String key, int value, int minimum, String why) {
        if (value < minimum) {
            problems.add(new Problem(key, "is " + value + "; must be at least " + minimum + why));
        }
    }

    private static void share(List<Problem> problems, String key, double value) {
        if (!(value > 0 && value <= 1)) {
            problems.add(new Problem(key, "is " + value + "; must be a share in (0, 1]"));
        }
    }

    private static void regex(List<Problem> problems, String key, String value) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            problems.add(new Problem(key, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()));
        }
    }

    private static void check(List<Problem> problems, String key, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(key, e.getMessage()));
        }
    }
}
