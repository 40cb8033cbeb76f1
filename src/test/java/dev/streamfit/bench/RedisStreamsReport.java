package dev.streamfit.bench;

import java.util.List;

/** The Markdown section of {@link RedisStreamsBenchmark}: the service's median poll against redis_exporter's median scrape. */
final class RedisStreamsReport {

    private RedisStreamsReport() {
    }

    static ComparisonSection section(RedisBenchmarkSettings settings, String versions, String load, double loadSeconds, ServiceRun service,
            List<RedisExporter.Scrape> scrapes, String exporterCommand) {
        ToolComparison comparison = ToolComparison.of(ComparedTool.REDIS_EXPORTER, service, "redis/" + RedisBenchmarkSettings.TARGET,
                Distribution.of(scrapes.stream().map(RedisExporter.Scrape::millis).toList()));
        String exporter = "`" + exporterCommand + "`, started once the service had stopped; one scrape to start it, then "
                + scrapes.size() + " measured scrapes, each the whole `GET /metrics` (the exporter collects on every scrape), every one "
                + "checked to cover all streams.";
        return new ComparisonSection(comparison, settings.scenario(), versions, load, settings.shape().describe(), loadSeconds, service,
                exporter);
    }
}
