package dev.streamfit.bench;

import static dev.streamfit.bench.BenchLog.log;

import java.util.List;
import java.util.Locale;

import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RedisServer;

/**
 * {@code scripts/bench-service}: the data sets of both comparisons (10,000 Redis streams × 3 groups,
 * 50,000 Kafka group-partitions) watched by one packaged service at a 2 s poll for 5 minutes, with
 * a window short enough to fill within the run. Not a JUnit test. Reports issue 8's targets: never
 * down, no blocked event loop, API and metrics p99 under 1 s, heap after a full GC with a full window
 * of history within 256 MiB. Options: {@link BothTargetsSettings}.
 */
public final class BothTargetsBenchmark {

    private BothTargetsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkProcess.runAndExit(BothTargetsBenchmark::run);
    }

    private static void run() throws Exception {
        BothTargetsSettings settings = BothTargetsSettings.fromSystemProperties();
        log(settings.redis().describe() + "; " + settings.kafka().describe());
        try (OtherWork machine = OtherWork.watch(); RedisServer redis = RedisServer.start(); KafkaBroker broker = KafkaBroker.start();
                KafkaFixtures kafka = new KafkaFixtures(broker)) {
            String versions = Versions.streamFit() + "; " + Versions.redisServer(redis.url()) + "; " + Versions.kafka() + " (one KRaft node)";
            double loadSeconds = RedisDataSet.load(redis.url(), settings.redis()) + KafkaDataSet.load(kafka, settings.kafka());
            log(String.format(Locale.ROOT, "loaded in %.1f s", loadSeconds));

            String target = BothTargetsSettings.TARGET;
            ServiceRun service = ServiceRun.measure(settings.serviceConfig(redis.url(), broker.bootstrapServers()),
                    settings.scenario().plan(), List.of("redis/" + target, "kafka/" + target),
                    app -> RedisDataSet.checkServiceView(app.json("/api/v1/redis/" + target + "/streams"), settings.redis()) + "; "
                            + KafkaDataSet.checkServiceView(app.json("/api/v1/kafka/" + target + "/groups"), settings.kafka()));
            ServiceSection report = BothTargetsReport.section(settings, versions, machine.summary(), loadSeconds, service);
            report.writeTo(settings.scenario().out());
            log(report.summary());
            log("wrote " + settings.scenario().out().toAbsolutePath());
        }
    }
}
