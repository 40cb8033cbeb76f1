package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.RealServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code promtool check metrics} (Prometheus's own linter) finds nothing to fix in /q/metrics. */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class MetricsLintTest {

    /** What Prometheus 2.5x and 3.x send when they scrape. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    @Test
    void promtoolFindsNothingToFix() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/metrics").asString().contains("streamfit_redis_stream_length"));
        // Prometheus asks for OpenMetrics first; the classic text format, which it also accepts, is the answer.
        String metrics = given().accept(PROMETHEUS_ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType("text/plain; version=0.0.4; charset=utf-8").extract().asString();
        // Kept for a failed run: promtool names line numbers of this text.
        Files.writeString(Path.of("target", "metrics-scrape.txt"), metrics);
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            throw new IllegalStateException("promtool is missing: install the Debian package 'prometheus' (apt-get install -y prometheus)");
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), output);
        assertEquals("", output.trim(), output);
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
