package dev.streamfit.bench;

import static dev.streamfit.bench.BenchmarkReport.figure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Markdown of what every benchmark reads from the running service: how it ran, its polls per
 * target, its API and metrics latencies, whether anything went down or blocked, and its heap. The
 * scenario reports put their own comparisons around it.
 */
final class ServiceFiguresMarkdown {

    /** A target counts as polled on time when successive polls are at most this many intervals apart (issue 8). */
    static final double ON_TIME_FACTOR = 1.2;

    private ServiceFiguresMarkdown() {
    }

    /** How the service was run and sampled, with its whole config file. */
    static String method(ServiceConfigFile config, ServiceSampler.Plan plan, double startSeconds, ServiceSamples samples) {
        return "- The service: `" + ServiceUnderTest.COMMAND + "` with the config file below in `QUARKUS_CONFIG_LOCATIONS` and "
                + "`QUARKUS_HTTP_PORT` on a free port; its normal schedule, no warm-up of its own, sampled from the moment its API answered (the first poll seen is shown "
                + "apart). "
                + String.format(Locale.ROOT, "Its API answered %.1f s after the JVM started.%n", startSeconds)
                + String.format(Locale.ROOT, "- Sampled for %.0f s (at least %s and %d polls of every target, at most %s): "
                        + "`GET /api/v1/targets` every %d ms, each new `lastPollAt` a poll; meanwhile `GET /q/metrics` then "
                        + "`GET /api/v1/workloads`, %s apart, their latency from sending the request to the last byte. The poll and "
                        + "evaluation figures are the service's own gauges `%s` and `%s` read from the first `/q/metrics` requested "
                        + "after each poll was seen (the value of that poll, or of a later one when two polls fell between reads).%n",
                        samples.seconds(), BenchOptions.human(plan.minDuration()), plan.minPolls(), BenchOptions.human(plan.maxDuration()),
                        ServiceSampler.WATCH_MILLIS, BenchOptions.human(plan.apiPause()), ServiceSampler.POLL_GAUGE,
                        ServiceSampler.EVALUATION_GAUGE)
                + "\n```properties\n" + config.shown(24) + "```\n";
    }

    /** One row per target. */
    static String targetTable(ServiceSamples samples, Duration interval) {
        StringBuilder md = new StringBuilder();
        md.append("| target | polls seen | first poll seen s | poll median s | poll p90 s | poll max s | evaluation median s "
                + "| evaluation max s | longest gap between polls s | polls down |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ServiceSamples.TargetFigures t : samples.targets()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s (n=%d) | %s | %s | %s | %s | %s (%s× interval) | %d |%n",
                    t.target(), t.polls(), figure("%.3f", t.firstPollSeconds()), figure("%.3f", t.pollGauge().median()),
                    t.pollGauge().count(), figure("%.3f", t.pollGauge().percentile(90)), figure("%.3f", t.lastPollSeconds().max()),
                    figure("%.3f", t.evaluationGauge().median()), figure("%.3f", t.evaluationGauge().max()),
                    figure("%.1f", t.gapSeconds().max()), figure("%.2f", t.gapSeconds().max() / seconds(interval)), t.downPolls()));
        }
        md.append("\n\"poll max\" is the longest `lastPollSeconds` of every poll seen (the gauges are read after some polls only). ")
                .append(samples.evaluationGaugeExported() ? ""
                        : "\"n/a\": this version of the service does not export `" + ServiceSampler.EVALUATION_GAUGE + "`. ")
                .append('\n');
        return md.toString();
    }

    /** Many look-alike targets: one row per system, and the targets that were not polled on time. */
    static String targetSummary(ServiceSamples samples, Duration interval) {
        Map<String, List<ServiceSamples.TargetFigures>> bySystem = samples.targets().stream()
                .collect(Collectors.groupingBy(t -> t.target().substring(0, t.target().indexOf('/')), TreeMap::new, Collectors.toList()));
        double limit = ON_TIME_FACTOR * seconds(interval);
        StringBuilder md = new StringBuilder();
        md.append("| system | targets | polls seen per target (fewest) | poll median s (median over targets) | poll max s "
                + "| evaluation median s | longest gap between polls s | targets with a gap over ")
                .append(figure("%.1f", limit)).append(" s | polls down |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        bySystem.forEach((system, targets) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %d | %d |%n",
                system, targets.size(), targets.stream().mapToInt(ServiceSamples.TargetFigures::polls).min().orElse(0),
                figure("%.3f", Distribution.of(targets.stream().map(t -> t.pollGauge().median()).filter(v -> !v.isNaN()).toList()).median()),
                figure("%.3f", Distribution.of(targets.stream().map(t -> t.lastPollSeconds().max()).toList()).max()),
                figure("%.3f", Distribution.of(targets.stream().map(t -> t.evaluationGauge().median()).filter(v -> !v.isNaN()).toList())
                        .median()),
                figure("%.1f", Distribution.of(targets.stream().map(t -> t.gapSeconds().max()).toList()).max()),
                targets.stream().filter(t -> t.gapSeconds().max() > limit).count(),
                targets.stream().mapToInt(ServiceSamples.TargetFigures::downPolls).sum())));
        List<String> late = samples.targets().stream().filter(t -> t.gapSeconds().max() > limit)
                .map(t -> String.format(Locale.ROOT, "%s %.1f s", t.target(), t.gapSeconds().max())).toList();
        md.append("\nTargets with a gap over ").append(figure("%.1f", limit)).append(" s (").append(ON_TIME_FACTOR)
                .append(" × the interval): ").append(late.isEmpty() ? "none" : String.join(", ", late)).append(".\n");
        return md.toString();
    }

    static String apiTable(ServiceSamples samples) {
        StringBuilder md = new StringBuilder();
        md.append("| endpoint | requests | p50 ms | p99 ms | max ms | answer size |\n|---|---:|---:|---:|---:|---:|\n");
        apiRow(md, "`GET /api/v1/targets`", samples.targetsMillis(), "");
        apiRow(md, "`GET /api/v1/workloads`", samples.workloadsMillis(), BenchmarkReport.size(samples.workloadsBytes()));
        apiRow(md, "`GET /q/metrics`", samples.metricsMillis(), BenchmarkReport.size(samples.metricsBytes()));
        return md.toString();
    }

    private static void apiRow(StringBuilder md, String endpoint, Distribution millis, String size) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", endpoint, millis.count(),
                figure("%.1f", millis.median()), figure("%.1f", millis.percentile(99)), figure("%.1f", millis.max()), size));
    }

    /** Down, blocked threads, failed requests, heap: the lines a reader checks first. */
    static String health(ServiceSamples samples, ServiceLog log, HeapAfterGc heap) {
        StringBuilder md = new StringBuilder();
        md.append("- Any target reported down (`up: false` in `/api/v1/targets`): ")
                .append(samples.downPolls() == 0 ? "never" : "**yes, " + BenchmarkReport.count(samples.downPolls(), "poll") + "**; first: " + firstError(samples))
                .append(". Log lines \"is down\": ").append(log.downLines())
                .append(log.firstDown() == null ? "" : " (first: `" + log.firstDown() + "`)").append(".\n");
        md.append("- Vert.x blocked-thread warnings (`").append(ServiceLog.BLOCKED).append("` in the app's log): ")
                .append(log.blockedWarnings() == 0 ? "none"
                        : "**" + log.blockedWarnings() + "**, the longest " + log.longestBlockMillis() + " ms; first: `"
                                + log.firstBlocked() + "`")
                .append(". ERROR lines in the log: ").append(log.errorLines())
                .append(log.firstError() == null ? "" : " (first: `" + log.firstError() + "`)").append(".\n");
        md.append("- Requests without a 200 answer: ").append(samples.failedRequests())
                .append(samples.firstFailure() == null ? "" : " (first: " + samples.firstFailure() + ")").append(".\n");
        md.append("- Heap after a full GC at the end of sampling (the bytes of the objects that survive the full GC that ")
                .append("`jcmd <pid> GC.class_histogram` runs; the least of ")
                .append(HeapAfterGc.READINGS).append(" readings 1 s apart, as a poll in flight holds its replies): ")
                .append(heap.describe()).append(".\n");
        return md.toString();
    }

    private static String firstError(ServiceSamples samples) {
        return samples.targets().stream().filter(t -> t.firstError() != null).map(t -> t.target() + ": " + t.firstError()).findFirst()
                .orElse("no error text");
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
