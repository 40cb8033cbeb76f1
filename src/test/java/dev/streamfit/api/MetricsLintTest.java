package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

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
        // promtool parses the classic text format; Prometheus itself negotiates OpenMetrics.
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
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

}
