package dev.streamfit.bench;

import static dev.streamfit.bench.BenchLog.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.streamfit.support.RedisServer;

/**
 * {@code scripts/bench-redis}: the packaged service watching one Redis with 10,000 streams × 3 groups
 * at a 5 s poll, against Debian's redis_exporter {@code -check-streams} on the same data in the same
 * run. Not a JUnit test. Steps:
 * <ol>
 * <li>a redis-server of its own on a free port, loaded with {@link RedisDataSet};
 * <li>the service ({@link ServiceRun}): sampled over at least 20 of its polls, its view checked against
 * the data set, its heap read; then stopped, so that the two tools never compete for the 2 cores;
 * <li>redis_exporter ({@link RedisExporter}): one unmeasured scrape, then {@code bench.scrapes} measured ones;
 * <li>{@link RedisStreamsReport} writes the section of docs/benchmarks.md (or {@code bench.out}).
 * </ol>
 * Options: {@link RedisBenchmarkSettings}.
 */
public final class RedisStreamsBenchmark {

    private RedisStreamsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkProcess.runAndExit(RedisStreamsBenchmark::run);
    }

    private static void run() throws Exception {
        RedisBenchmarkSettings settings = RedisBenchmarkSettings.fromSystemProperties();
        log(settings.shape().describe() + "; poll interval " + BenchOptions.human(settings.scenario().pollInterval()));
        try (OtherWork machine = OtherWork.watch(); RedisServer redis = RedisServer.start()) {
            String versions = Versions.streamFit() + "; " + Versions.redisServer(redis.url()) + " (no persistence, own port); "
                    + "prometheus-redis-exporter " + RedisExporter.version();
            double loadSeconds = RedisDataSet.load(redis.url(), settings.shape());
            log(String.format(Locale.ROOT, "loaded in %.1f s", loadSeconds));

            ServiceRun service = ServiceRun.measure(settings.serviceConfig(redis.url()), settings.scenario().plan(),
                    List.of("redis/" + RedisBenchmarkSettings.TARGET), app -> RedisDataSet.checkServiceView(
                            app.json("/api/v1/redis/" + RedisBenchmarkSettings.TARGET + "/streams"), settings.shape()));

            List<RedisExporter.Scrape> scrapes = new ArrayList<>();
            String exporterCommand;
            try (RedisExporter exporter = RedisExporter.start(redis.port(), RedisDataSet.GLOB)) {
                exporterCommand = exporter.command();
                for (int i = 0; i < settings.scrapes(); i++) {
                    RedisExporter.Scrape scrape = exporter.scrape();
                    if (scrape.streams() != settings.shape().streams()) {
                        throw new IllegalStateException("redis_exporter reported " + scrape.streams() + " streams, the data set has "
                                + settings.shape().streams() + (scrape.scrapeError() == null ? "" : "; " + scrape.scrapeError()));
                    }
                    scrapes.add(scrape);
                    log(String.format(Locale.ROOT, "  redis_exporter scrape %d: %.1f ms", i + 1, scrape.millis()));
                }
            }
            ComparisonSection report = RedisStreamsReport.section(settings, versions, machine.summary(), loadSeconds, service, scrapes,
                    exporterCommand);
            report.writeTo(settings.scenario().out());
            log(report.comparison().summary());
            log("wrote " + settings.scenario().out().toAbsolutePath());
        }
    }
}
