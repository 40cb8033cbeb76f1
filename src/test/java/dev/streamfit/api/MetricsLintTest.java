package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.PrometheusServer;
import dev.streamfit.support.Promtool;
import dev.streamfit.support.RealServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code promtool check metrics} (Prometheus's own linter) finds nothing to fix in /q/metrics. */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class MetricsLintTest {

    @Test
    void promtoolFindsNothingToFix() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/metrics").asString().contains("streamfit_redis_stream_length"));
        // Prometheus asks for OpenMetrics first; the classic text format, which it also accepts, is the answer.
        String metrics = given().accept(PrometheusServer.SCRAPE_ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8").extract().asString();
        // Kept for a failed run: promtool names line numbers of this text.
        Files.writeString(Path.of("target", "metrics-scrape.txt"), metrics);
        Promtool.Result check = Promtool.checkMetrics(metrics);
        assertEquals(0, check.exitCode(), check.output());
        assertEquals("", check.output().trim(), check.output());
    }

    /** StreamFit's series and Micrometer's meters in one scrape, every family once: a repeated family is invalid. */
    @Test
    void everyFamilyOnceWithMicrometersMetersAlongside() {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/metrics").asString().contains("streamfit_evaluation_duration_seconds{"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> types = metrics.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertEquals(List.of(), types.stream().filter(t -> Collections.frequency(types, t) > 1).distinct().toList());
        assertTrue(metrics.endsWith("# EOF\n"), "OpenMetrics ends once, after every family");
        assertEquals(1, metrics.split("# EOF").length - 1);
        assertTrue(types.contains("jvm_memory_used_bytes"), "Micrometer's JVM meters");
        assertTrue(types.contains("streamfit_poll_duration_seconds"), "the targets' poll gauges");
        assertTrue(types.containsAll(List.of("streamfit_redis_stream_length", "streamfit_kafka_consumergroup_lag", "streamfit_workload_verdict",
                "streamfit_finding_active")), "every target's series");
    }

}
