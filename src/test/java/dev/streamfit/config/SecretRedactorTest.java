package dev.streamfit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor(List.of("hunter22", "Kafka-Pw"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "known secret anywhere | NOAUTH for hunter22 failed | NOAUTH for **** failed",
            "user info in a URL | cannot reach redis://ops:other@host:6379/0 | cannot reach redis://****@host:6379/0",
            "JAAS password | password=\"Kafka-Pw\" rejected | password=**** rejected",
            "unknown JAAS password | username=\"a\" password=\"zzz\"; | username=\"a\" password=****;",
            "nothing to hide | Connection refused: /127.0.0.1:6390 | Connection refused: /127.0.0.1:6390"
    })
    void masksCredentials(String name, String text, String expected) {
        assertEquals(expected, redactor.redact(text));
    }

    @org.junit.jupiter.api.Test
    void masksEveryAlertingCredentialAndWebhookUrl() {
        SecretRedactor configured = new SecretRedactor(dev.streamfit.support.TestConfig.load(java.util.Map.of(
                "streamfit.alerts.webhooks.slack.url", "https://hooks.slack.com/services/T000/B000/XXXXSECRET",
                "streamfit.alerts.webhooks.ops.url", "https://ops.example/hook",
                "streamfit.alerts.webhooks.ops.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "streamfit.alerts.webhooks.ops.auth.bearer-token", "bearer-abc-123",
                "streamfit.alerts.webhooks.ops.headers.X-Api-Key", "api-key-456",
                "streamfit.alerts.alertmanager.url", "http://am:9093",
                "streamfit.alerts.alertmanager.auth.username", "am",
                "streamfit.alerts.alertmanager.auth.password", "am-pass-789",
                "streamfit.api.admin-token", "admin-tok-000")));
        String text = configured.redact("POST https://hooks.slack.com/services/T000/B000/XXXXSECRET failed; whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw "
                + "bearer-abc-123 api-key-456 am-pass-789 admin-tok-000");
        for (String secret : List.of("XXXXSECRET", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "bearer-abc-123", "api-key-456", "am-pass-789", "admin-tok-000")) {
            org.junit.jupiter.api.Assertions.assertFalse(text.contains(secret), secret + " shows in: " + text);
        }
    }
}
