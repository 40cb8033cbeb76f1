package dev.streamfit.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.support.RedisServer;

/**
 * Watches the service while it polls on its own schedule, the way an operator and Prometheus see it.
 * Two threads:
 * <ul>
 * <li>the poll watcher reads {@code /api/v1/targets} every {@value #WATCH_MILLIS} ms (cheap; its
 * latency is one of the figures) and notices each poll by a new {@code lastPollAt};
 * <li>the prober reads {@code /q/metrics} and {@code /api/v1/workloads} one after the other, pausing
 * {@link Plan#apiPause()} between rounds: their latencies while the service polls, and the service's
 * own {@code streamfit_poll_duration_seconds} and {@code streamfit_evaluation_duration_seconds}
 * gauges for each target whose new poll was seen before the request was sent.
 * </ul>
 * The two run apart so that a slow metrics answer never hides a poll from the watcher.
 */
final class ServiceSampler {

    static final String POLL_GAUGE = "streamfit_poll_duration_seconds";
    static final String EVALUATION_GAUGE = "streamfit_evaluation_duration_seconds";
    static final long WATCH_MILLIS = 250;

    /**
     * How long to sample: at least {@code minDuration} and until every target has {@code minPolls}
     * gauge samples, but never longer than {@code maxDuration}.
     */
    record Plan(Duration minDuration, int minPolls, Duration maxDuration, Duration apiPause) {

        /**
         * {@code -Dbench.polls} (20), {@code -Dbench.duration} ({@code defaultDuration}, at least the
         * time of those polls), {@code -Dbench.maxDuration} (room for twice the polls, plus 2 minutes),
         * {@code -Dbench.apiPause} (2s).
         */
        static Plan from(BenchOptions options, Duration interval, Duration defaultDuration) {
            int polls = options.integer("bench.polls", 20, 1);
            Duration pollsTime = interval.multipliedBy(polls);
            Duration min = options.duration("bench.duration", pollsTime.compareTo(defaultDuration) > 0 ? pollsTime : defaultDuration);
            Duration max = options.duration("bench.maxDuration", min.plus(interval.multipliedBy(2L * polls)).plusMinutes(2));
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("-Dbench.maxDuration must not be shorter than -Dbench.duration");
            }
            return new Plan(min, polls, max, options.duration("bench.apiPause", Duration.ofSeconds(2)));
        }
    }

    private final ServiceUnderTest service;
    private final Plan plan;
    private final Map<String, TargetTrack> tracks = Collections.synchronizedMap(new TreeMap<>());
    private final List<Double> targetsMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> workloadsMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> metricsMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong workloadsBytes = new AtomicLong();
    private final AtomicLong metricsBytes = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean evaluationGaugeExported;
    private volatile boolean running = true;

    ServiceSampler(ServiceUnderTest service, Plan plan) {
        this.service = service;
        this.plan = plan;
    }

    /** Samples the service until the plan is met; {@code targets} ("redis/bench") are the ones that must reach minPolls. */
    ServiceSamples run(Collection<String> targets) throws InterruptedException {
        targets.forEach(t -> tracks.put(t, new TargetTrack(t)));
        Thread watcher = new Thread(this::watchPolls, "bench-poll-watcher");
        Thread prober = new Thread(this::probeApi, "bench-api-prober");
        long start = System.nanoTime();
        watcher.start();
        prober.start();
        long nextProgress = 30;
        while (true) {
            Thread.sleep(1000);
            if (!service.isAlive()) {
                running = false;
                throw new IllegalStateException("the service exited while it was sampled:\n" + service.outputTail());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int fewest = targets.stream().mapToInt(t -> tracks.get(t).gaugeSamples()).min().orElse(0);
            if (elapsed >= plan.maxDuration().toSeconds()
                    || (elapsed >= plan.minDuration().toSeconds() && fewest >= plan.minPolls())) {
                break;
            }
            if (elapsed >= nextProgress) {
                BenchLog.log(String.format(Locale.ROOT, "  sampling %.0f s: fewest polls sampled for a target %d of %d", elapsed,
                        fewest, plan.minPolls()));
                nextProgress += 30;
            }
        }
        running = false;
        watcher.join();
        prober.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<ServiceSamples.TargetFigures> figures = new ArrayList<>();
        synchronized (tracks) {
            tracks.values().forEach(t -> figures.add(t.figures()));
        }
        return new ServiceSamples(seconds, figures, Distribution.of(copy(targetsMillis)), Distribution.of(copy(workloadsMillis)),
                Distribution.of(copy(metricsMillis)), workloadsBytes.get(), metricsBytes.get(), evaluationGaugeExported,
                failures.get(), firstFailure.get());
    }

    private void watchPolls() {
        while (running) {
            ServiceUnderTest.Answer answer = timed("/api/v1/targets", targetsMillis);
            if (answer.ok()) {
                try {
                    for (JsonNode target : ServiceUnderTest.parse(answer.body())) {
                        String key = target.path("system").asText() + "/" + target.path("name").asText();
                        track(key).observe(instant(target.get("lastPollAt")), bool(target.get("up")),
                                target.path("lastPollSeconds").isNumber() ? target.get("lastPollSeconds").asDouble() : null,
                                target.path("error").isTextual() ? target.get("error").asText() : null);
                    }
                } catch (IOException | RuntimeException e) {
                    failed("/api/v1/targets could not be read: " + e);
                }
            }
            RedisServer.sleep(WATCH_MILLIS);
        }
    }

    private void probeApi() {
        while (running) {
            List<TargetTrack> due = new ArrayList<>();
            synchronized (tracks) {
                tracks.values().stream().filter(TargetTrack::gaugeDue).forEach(due::add);
            }
            ServiceUnderTest.Answer metrics = timed("/q/metrics", metricsMillis);
            if (metrics.ok()) {
                readGauges(metrics.body(), due);
            }
            ServiceUnderTest.Answer workloads = timed("/api/v1/workloads", workloadsMillis);
            if (workloads.ok()) {
                workloadsBytes.set(workloads.body().length());
            }
            pause(plan.apiPause());
        }
    }

    private void readGauges(String body, List<TargetTrack> due) {
        try {
            metricsBytes.set(body.length());
            Map<String, Double> polls = MetricsText.byTarget(body, POLL_GAUGE);
            Map<String, Double> evaluations = MetricsText.byTarget(body, EVALUATION_GAUGE);
            evaluationGaugeExported |= !evaluations.isEmpty();
            // A track names its target system/name, the key MetricsText gives a series.
            for (TargetTrack track : due) {
                track.gauges(polls.get(track.target()), evaluations.get(track.target()));
            }
        } catch (RuntimeException e) {
            failed("/q/metrics could not be read: " + e);
        }
    }

    private TargetTrack track(String key) {
        return tracks.computeIfAbsent(key, TargetTrack::new);
    }

    private ServiceUnderTest.Answer timed(String path, List<Double> millis) {
        ServiceUnderTest.Answer answer = service.get(path);
        millis.add(answer.millis());
        if (!answer.ok()) {
            failed("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private void failed(String what) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, what);
    }

    /** Sleeps in short steps, so that the end of sampling is not delayed by a long pause. */
    private void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < until) {
            RedisServer.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Jackson writes an Instant as ISO-8601 text or as decimal epoch seconds, depending on its settings. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(node.asText());
    }

    private static Boolean bool(JsonNode node) {
        return node == null || node.isNull() ? null : node.asBoolean();
    }

    private static List<Double> copy(List<Double> synchronizedList) {
        synchronized (synchronizedList) {
            return new ArrayList<>(synchronizedList);
        }
    }
}
