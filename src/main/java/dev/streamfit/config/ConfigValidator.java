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
import jakarta.enterprise.inject.Instance;

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

    void onStart(@Observes @Priority(1) StartupEvent event, StreamFitConfig config, Instance<ConfigCheck> checks) {
        List<Problem> problems = new ArrayList<>(problems(config));
        checks.forEach(check -> problems.addAll(check.problems(config)));
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
        positive(problems, "streamfit.alerts.repeat-interval", config.alerts().repeatInterval());
        positive(problems, "streamfit.alerts.drain-timeout", config.alerts().drainTimeout());
        config.alerts().externalUrl().ifPresent(url -> httpUrl(problems, "streamfit.alerts.external-url", url));
        StreamFitConfig.AlertmanagerPush am = config.alerts().alertmanager();
        am.url().ifPresent(url -> httpUrl(problems, "streamfit.alerts.alertmanager.url", url));
        positive(problems, "streamfit.alerts.alertmanager.timeout", am.timeout());
        auth(problems, "streamfit.alerts.alertmanager.auth.", am.auth());
        for (Map.Entry<String, StreamFitConfig.Webhook> e : config.alerts().webhooks().entrySet()) {
            String prefix = "streamfit.alerts.webhooks." + key(e.getKey()) + ".";
            StreamFitConfig.Webhook webhook = e.getValue();
            httpUrl(problems, prefix + "url", webhook.url());
            auth(problems, prefix + "auth.", webhook.auth());
            atLeast(problems, prefix + "queue-capacity", webhook.queueCapacity(), 1, "");
            atLeast(problems, prefix + "max-alerts", webhook.maxAlerts(), 0, "; 0 sends every alert");
            positive(problems, prefix + "timeout", webhook.timeout());
            positive(problems, prefix + "initial-backoff", webhook.initialBackoff());
            positive(problems, prefix + "max-backoff", webhook.maxBackoff());
            positive(problems, prefix + "max-retry-duration", webhook.maxRetryDuration());
            if (webhook.groupBy().stream().anyMatch(label -> !label.matches("[a-zA-Z_][a-zA-Z0-9_]*"))) {
                problems.add(new Problem(prefix + "group-by", "is " + webhook.groupBy() + "; expected label names such as system,target"));
            }
        }
        for (Map.Entry<String, StreamFitConfig.RuleSettings> e : config.rules().byRule().entrySet()) {
            e.getValue().holdFor().filter(Duration::isNegative).ifPresent(d -> problems.add(new Problem(
                    "streamfit.rules." + key(e.getKey()) + ".for", "is negative; must be 0s (fire at once) or a positive duration")));
        }
        config.api().adminToken().filter(String::isBlank).ifPresent(t -> problems.add(new Problem("streamfit.api.admin-token",
                "is empty; set a long random value, or leave it unset to keep the test endpoint disabled")));

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

    private static void httpUrl(List<Problem> problems, String key, String value) {
        try {
            java.net.URI uri = new java.net.URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(new Problem(key, "is not an http:// or https:// URL with a host"));
            }
        } catch (java.net.URISyntaxException e) {
            // Not echoed: a webhook URL often carries a token in its path.
            problems.add(new Problem(key, "is not a valid URL (" + e.getReason() + ")"));
        }
    }

    private static void auth(List<Problem> problems, String prefix, StreamFitConfig.Auth auth) {
        if (auth.bearerToken().isPresent() && (auth.username().isPresent() || auth.password().isPresent())) {
            problems.add(new Problem(prefix + "bearer-token", "is set together with username/password; choose bearer or basic auth"));
        }
        if (auth.username().isPresent() != auth.password().isPresent()) {
            problems.add(new Problem(prefix + (auth.username().isPresent() ? "password" : "username"),
                    "is missing; basic auth needs both username and password"));
        }
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
