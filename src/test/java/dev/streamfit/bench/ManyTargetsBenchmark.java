package dev.streamfit.bench;

import static dev.streamfit.bench.BenchLog.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.streamfit.support.KafkaBroker;
import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.RedisServer;

/**
 * {@code scripts/bench-targets}: many small targets in one packaged service at a 5 s poll — 50 Redis
 * targets (own redis-server processes, 200 streams × 2 groups each) and 10 small Kafka targets (one
 * broker, each target selecting its own topics and groups by regex). Not a JUnit test. Reports
 * issue 8's targets: every target polled within 1.2 × the interval, never down, no blocked event
 * loop, API and metrics p99 under 1 s, and the heap after a full GC. Options: {@link ManyTargetsSettings}.
 */
public final class ManyTargetsBenchmark {

    private ManyTargetsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkProcess.runAndExit(ManyTargetsBenchmark::run);
    }

    private static void run() throws Exception {
        ManyTargetsSettings settings = ManyTargetsSettings.fromSystemProperties();
        log(settings.redisTargets() + " Redis targets of " + settings.redis().describe() + "; " + settings.kafkaTargets()
                + " Kafka targets like " + settings.kafkaShape(0).describe());
        try (OtherWork machine = OtherWork.watch(); RedisFleet fleet = RedisFleet.start(settings.redisTargets());
                KafkaBroker broker = KafkaBroker.start(); KafkaFixtures kafka = new KafkaFixtures(broker)) {
            String versions = Versions.streamFit() + "; " + (fleet.servers().isEmpty() ? "" : Versions.redisServer(fleet.servers().get(0).url())
                    + " × " + settings.redisTargets() + "; ") + Versions.kafka() + " (one KRaft node)";
            ServiceConfigFile config = new ServiceConfigFile(settings.scenario().pollInterval());
            List<String> targets = new ArrayList<>();
            double loadSeconds = 0;
            for (int i = 0; i < settings.redisTargets(); i++) {
                RedisServer server = fleet.servers().get(i);
                loadSeconds += RedisDataSet.load(server.url(), settings.redis());
                RedisBenchmarkSettings.redisTarget(config, ManyTargetsSettings.redisTarget(i), server.url(), settings.redis());
                targets.add("redis/" + ManyTargetsSettings.redisTarget(i));
            }
            for (int k = 0; k < settings.kafkaTargets(); k++) {
                KafkaDataSet.Shape shape = settings.kafkaShape(k);
                loadSeconds += KafkaDataSet.load(kafka, shape);
                config.kafka(ManyTargetsSettings.kafkaTarget(k), broker.bootstrapServers(), shape.prefix() + ".*", shape.prefix() + ".*");
                targets.add("kafka/" + ManyTargetsSettings.kafkaTarget(k));
            }
            log(String.format(Locale.ROOT, "loaded in %.1f s", loadSeconds));

            ServiceRun service = ServiceRun.measure(config, settings.scenario().plan(), targets, app -> check(app, settings));
            ServiceSection report = ManyTargetsReport.section(settings, versions, machine.summary(), loadSeconds, service);
            report.writeTo(settings.scenario().out());
            log(report.summary());
            log("wrote " + settings.scenario().out().toAbsolutePath());
        }
    }

    /** Every target's view against its own data set. */
    private static String check(ServiceUnderTest app, ManyTargetsSettings settings) {
        for (int i = 0; i < settings.redisTargets(); i++) {
            RedisDataSet.checkServiceView(app.json("/api/v1/redis/" + ManyTargetsSettings.redisTarget(i) + "/streams"), settings.redis());
        }
        for (int k = 0; k < settings.kafkaTargets(); k++) {
            KafkaDataSet.checkServiceView(app.json("/api/v1/kafka/" + ManyTargetsSettings.kafkaTarget(k) + "/groups"),
                    settings.kafkaShape(k));
        }
        return "every target's `/api/v1/redis/<target>/streams` or `/api/v1/kafka/<target>/groups` showed its own data set exactly "
                + "(every stream's length, every group's pending and lag; every group-partition's lag)";
    }
}
