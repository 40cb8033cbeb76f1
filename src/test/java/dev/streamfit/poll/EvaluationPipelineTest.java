package dev.streamfit.poll;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.streamfit.support.RealServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The threading rule (SPEC, Architecture): evaluation runs off the I/O threads, one poll of a
 * target at a time, outside the poll's timeout; a failing stage is logged and counted and the
 * stages after it still run. The test app polls every second with a 1 s poll timeout.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class EvaluationPipelineTest {

    private static final TargetId REDIS_MAIN = new TargetId(SystemKind.REDIS, "main");
    private static final TargetId KAFKA_MAIN = new TargetId(SystemKind.KAFKA, "main");

    /** Collects what the given loggers print while a test runs. */
    private static final class CapturedLog extends Handler implements AutoCloseable {
        private final List<String> loggers;
        final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        CapturedLog(String... loggers) {
            this.loggers = List.of(loggers);
            this.loggers.forEach(name -> java.util.logging.Logger.getLogger(name).addHandler(this));
        }

        @Override
        public void publish(LogRecord record) {
            messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            loggers.forEach(name -> java.util.logging.Logger.getLogger(name).removeHandler(this));
        }
    }

    @Inject
    EvaluationPipeline pipeline;

    @AfterEach
    void disarm() {
        ProbeStages.disarm();
    }

    @Test
    void aThreeSecondEvaluationNeitherFailsTheOneSecondPollNorBlocksTheEventLoopNorTheApi() throws Exception {
        awaitUp(REDIS_MAIN);
        for (int i = 0; i < 5; i++) {
            target(REDIS_MAIN); // the HTTP client's first calls are slow on their own
        }
        try (CapturedLog log = new CapturedLog("io.vertx.core.impl.BlockedThreadChecker", PollScheduler.class.getName())) {
            ProbeStages.slowMillis = 3_000;
            ProbeStages.slowTarget = REDIS_MAIN;
            Instant start = Instant.now();
            Instant lastPollAt = Instant.EPOCH;
            int polls = 0;
            List<Long> apiMillis = new ArrayList<>();
            while (Duration.between(start, Instant.now()).toSeconds() < 9) {
                long t0 = System.nanoTime();
                Map<String, Object> target = target(REDIS_MAIN);
                apiMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertEquals(true, target.get("up"), "a slow evaluation must never turn the target down: " + target);
                Instant at = Instant.parse((String) target.get("lastPollAt"));
                if (at.isAfter(lastPollAt)) {
                    polls++;
                    lastPollAt = at;
                }
                Thread.sleep(200);
            }
            assertTrue(polls >= 6, "the target kept being polled every second while its evaluations took 3 s: " + polls + " polls in 9 s");
            apiMillis.sort(null);
            long median = apiMillis.get(apiMillis.size() / 2);
            long slowest = apiMillis.get(apiMillis.size() - 1);
            // The median, and no request near the 3 s a blocked event loop would cost: on a loaded 2-core
            // machine single requests wait for a core (seen: 90th percentile 277 ms at load average 12).
            assertTrue(median < 200 && slowest < 1000, "the API answered within 200 ms while evaluations took 3 s: " + apiMillis + " ms");
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            double evaluation = gauge(metrics, "streamfit_evaluation_duration_seconds{system=\"redis\",target=\"main\"}");
            assertTrue(evaluation >= 3.0, "the evaluation's own duration shows the 3 s: " + evaluation);
            assertTrue(gauge(metrics, "streamfit_poll_duration_seconds{system=\"redis\",target=\"main\"}") < 1.0,
                    "the poll duration measures collection only");
            assertTrue(gauge(metrics, "streamfit_evaluations_superseded_total{system=\"redis\",target=\"main\"}") > 0,
                    "polls that arrived while an evaluation ran were replaced by the newest, and counted");
            assertTrue(log.messages.stream().noneMatch(m -> m.contains("blocked")), "no blocked-thread warning: " + log.messages);
            assertTrue(log.messages.stream().noneMatch(m -> m.contains("redis/main is down")), "no down report: " + log.messages);
            assertEquals(1, ProbeStages.slowMostInFlight.get(), "one evaluation of a target at a time");

            // Superseded polls were not evaluated, but the history saw each: every poll is either
            // evaluated to the end or superseded, give or take the one in flight.
            ProbeStages.slowTarget = null;
            Thread.sleep(1_500);
            long superseded = pipeline.superseded(REDIS_MAIN);
            int advised = ProbeStages.advisorStageRuns.get(REDIS_MAIN).get();
            int recorded = ProbeStages.historyStageRuns.get(REDIS_MAIN).get();
            long unaccounted = recorded - (advised + superseded);
            assertTrue(unaccounted == 0 || unaccounted == 1,
                    "history saw " + recorded + " polls: " + advised + " evaluated to the end + " + superseded + " superseded");
        }
    }

    @Test
    void aStageThatThrowsIsLoggedAndCountedAndTheLaterStagesStillRun() {
        awaitUp(KAFKA_MAIN);
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double failuresBefore = gauge(before, "streamfit_stage_failures_total{stage=\"health\"}");
        try (CapturedLog log = new CapturedLog(EvaluationPipeline.class.getName())) {
            ProbeStages.failingTarget = KAFKA_MAIN;
            Instant armed = Instant.now();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertTrue(log.messages.stream().anyMatch(m -> m.contains("Stage health") && m.contains("kafka/main") && m.contains("probe failure")),
                        "the failure names the stage and the target: " + log.messages);
                assertTrue(ProbeStages.advisorStageSaw.getOrDefault(KAFKA_MAIN, Instant.EPOCH).isAfter(armed.plusSeconds(1)),
                        "the advisor stage still ran after the failing health stage");
                String after = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertTrue(gauge(after, "streamfit_stage_failures_total{stage=\"health\"}") >= failuresBefore + 2,
                        "each failure is counted under its stage");
            });
        }
        // Disarmed, the count stops: it counts this stage's failures, nothing else.
        ProbeStages.failingTarget = null;
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> ProbeStages.advisorStageSaw.get(KAFKA_MAIN)
                .isAfter(Instant.now().minusMillis(500)));
        double settled = gauge(given().get("/q/metrics").then().extract().asString(), "streamfit_stage_failures_total{stage=\"health\"}");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(settled,
                gauge(given().get("/q/metrics").then().extract().asString(), "streamfit_stage_failures_total{stage=\"health\"}")));
    }

    @Test
    void stagesRunOnEvaluationWorkersNeverOnAnIoThread() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeStages.threadOfHealthStage.containsKey(REDIS_MAIN)
                && ProbeStages.threadOfHealthStage.containsKey(KAFKA_MAIN));
        ProbeStages.threadOfHealthStage.forEach((target, thread) -> assertTrue(thread.startsWith("streamfit-evaluation-"),
                target + " was evaluated on " + thread));
    }

    private static void awaitUp(TargetId id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(target(id).get("up")));
    }

    private static Map<String, Object> target(TargetId id) {
        List<Map<String, Object>> targets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath().getList("$");
        return targets.stream().filter(t -> id.system().label().equals(t.get("system")) && id.name().equals(t.get("name"))).findFirst()
                .orElseThrow();
    }

    private static double gauge(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no " + series + " in /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }
}
