package dev.streamfit.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.streamfit.config.ConfigCheck;
import dev.streamfit.config.ConfigValidator.Problem;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Severity;

/** A webhook's {@code min-severity} is a severity, and its {@code secret} a Standard Webhooks key. */
@ApplicationScoped
public class AlertsConfigCheck implements ConfigCheck {

    @Override
    public List<Problem> problems(StreamFitConfig config) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, StreamFitConfig.Webhook> e : config.alerts().webhooks().entrySet()) {
            String prefix = "streamfit.alerts.webhooks." + e.getKey() + ".";
            StreamFitConfig.Webhook webhook = e.getValue();
            if (severity(webhook.minSeverity()) == null) {
                problems.add(new Problem(prefix + "min-severity", "is '" + webhook.minSeverity() + "'; expected one of "
                        + Stream.of(Severity.values()).map(Severity::label).toList()));
            }
            webhook.secret().ifPresent(secret -> {
                try {
                    WebhookSignature.of(secret);
                } catch (IllegalArgumentException bad) {
                    problems.add(new Problem(prefix + "secret", bad.getMessage()));
                }
            });
        }
        return problems;
    }

    /** The severity of that label, or null. */
    static Severity severity(String label) {
        return Stream.of(Severity.values()).filter(s -> s.label().equalsIgnoreCase(label.trim())).findFirst().orElse(null);
    }
}
