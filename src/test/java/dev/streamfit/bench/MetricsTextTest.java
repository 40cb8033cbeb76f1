package dev.streamfit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sampler reads the service's gauges by target, whatever the label order, and only the metric asked for. */
class MetricsTextTest {

    @Test
    void readsOneMetricBySystemAndTarget() {
        String body = """
                # TYPE streamfit_poll_duration_seconds gauge
                streamfit_poll_duration_seconds{system="redis",target="bench"} 0.25
                streamfit_poll_duration_seconds{target="bench",system="kafka"} 1.5
                streamfit_poll_duration_seconds_max{system="redis",target="bench"} 9.0
                streamfit_target_up{system="redis",target="bench"} 1.0
                """;
        assertEquals(Map.of("redis/bench", 0.25, "kafka/bench", 1.5),
                MetricsText.byTarget(body, "streamfit_poll_duration_seconds"));
        assertEquals(Map.of(), MetricsText.byTarget(body, "streamfit_evaluation_duration_seconds"));
    }
}
