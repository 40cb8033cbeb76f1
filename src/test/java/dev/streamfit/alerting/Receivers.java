package dev.streamfit.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.support.WebhookReceiver;

/** What the alerting tests share: a signing key, findings, sinks pointed at a test receiver, and a receiver's signature check. */
final class Receivers {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final ReportLinks LINKS = new ReportLinks("http://streamfit.example:8080");

    private Receivers() {
    }

    static Finding finding(String workload, Severity severity, FindingState state, Instant since) {
        return new Finding("fp-" + workload, "redis.group.fell-off-trim", severity, SystemKind.REDIS, "main", workload, "billing", state, since,
                6.0, 0.0, "6 entries of stream " + workload + " were trimmed before group billing read them");
    }

    static DeliverySettings settings(String name, String url, Duration timeout, Duration maxRetry, int capacity, Duration minInterval) {
        return new DeliverySettings(name, URI.create(url), Map.of("X-Team", "sre"), WebhookSignature.of(SECRET), timeout,
                Duration.ofMillis(100), Duration.ofMillis(400), maxRetry, capacity, minInterval);
    }

    static WebhookSink sink(String name, WebhookReceiver receiver) {
        return new WebhookSink(settings(name, receiver.url("/" + name), Duration.ofSeconds(1), Duration.ofSeconds(30), 100, Duration.ZERO),
                new StreamfitFormat(JSON, LINKS), text -> text);
    }

    static Notice notice(String workload) {
        Instant now = Instant.now();
        return new Notice(WebhookNotifier.newId(), AlertEvent.FIRED, "test",
                java.util.List.of(Alert.firing(finding(workload, Severity.WARNING, FindingState.FIRING, now))), Map.of(), 0, now);
    }

    /** Checks a request's signature as a receiver does: HMAC-SHA256 of id.timestamp.body with the key after whsec_. */
    static void assertSigned(WebhookReceiver.Request request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.text();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.header("webhook-signature"), "signature of " + request.header("webhook-id"));
        long age = Instant.now().getEpochSecond() - Long.parseLong(request.header("webhook-timestamp"));
        assertEquals(true, age >= 0 && age < 300, "timestamp within the 5 minutes receivers accept: " + age);
    }
}
