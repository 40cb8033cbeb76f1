package dev.streamfit.alerting;

import java.util.HashMap;
import java.util.Map;

import dev.streamfit.support.AlertmanagerServer;
import dev.streamfit.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application with alerting wired to real receivers started here: an Alertmanager-format sink
 * (signed, retried fast), a Slack sink, a StreamFit-format sink with bearer auth and no resolved
 * notices, a sink whose receiver a test takes down for two minutes, and a real Alertmanager that
 * forwards to a receiver of its own. {@code redis.group.fell-off-trim} fires after 2 s; every other
 * rule after 30 s, so that the down targets of the test configuration fire late.
 */
public class AlertingProfile implements QuarkusTestProfile {

    static final String ADMIN_TOKEN = "admin-token-4f1c9e";
    static final String GENERIC_TOKEN = "generic-bearer-77d0";
    static final String EXTERNAL_URL = "http://streamfit.test:8080";
    static final String RULE_FOR = "2s";
    static final String REPEAT_INTERVAL = "8s";
    /** The Alertmanager-format sink's receiver. */
    static final WebhookReceiver SIGNED = WebhookReceiver.start();
    /** The Slack and StreamFit-format sinks' receiver. */
    static final WebhookReceiver OTHERS = WebhookReceiver.start();
    /** The receiver a test takes down. */
    static final WebhookReceiver OUTAGE = WebhookReceiver.start();
    /** Where the real Alertmanager sends its notifications. */
    static final WebhookReceiver FROM_ALERTMANAGER = WebhookReceiver.start();
    static final AlertmanagerServer ALERTMANAGER = AlertmanagerServer.start(FROM_ALERTMANAGER.url("/from-alertmanager"));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ALERTMANAGER::close, "stop-test-alertmanager"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("streamfit.alerts.for", "30s");
        config.put("streamfit.rules.\"redis.group.fell-off-trim\".for", RULE_FOR);
        config.put("streamfit.alerts.repeat-interval", REPEAT_INTERVAL);
        config.put("streamfit.alerts.external-url", EXTERNAL_URL);
        config.put("streamfit.api.admin-token", ADMIN_TOKEN);
        sink(config, "am", SIGNED.url("/am"), "alertmanager");
        config.put("streamfit.alerts.webhooks.am.secret", Receivers.SECRET);
        config.put("streamfit.alerts.webhooks.am.timeout", "2s");
        sink(config, "slack", OTHERS.url("/slack"), "slack");
        config.put("streamfit.alerts.webhooks.slack.min-severity", "warning");
        sink(config, "generic", OTHERS.url("/generic"), "streamfit");
        config.put("streamfit.alerts.webhooks.generic.send-resolved", "false");
        config.put("streamfit.alerts.webhooks.generic.auth.bearer-token", GENERIC_TOKEN);
        config.put("streamfit.alerts.webhooks.generic.headers.X-Team", "sre");
        sink(config, "outage", OUTAGE.url("/outage"), "streamfit");
        config.put("streamfit.alerts.webhooks.outage.initial-backoff", "500ms");
        config.put("streamfit.alerts.webhooks.outage.max-backoff", "5s");
        config.put("streamfit.alerts.webhooks.outage.max-retry-duration", "10m");
        config.put("streamfit.alerts.alertmanager.url", ALERTMANAGER.url());
        return config;
    }

    /** Retries within a second: the tests wait for them. */
    private static void sink(Map<String, String> config, String name, String url, String format) {
        config.put("streamfit.alerts.webhooks." + name + ".url", url);
        config.put("streamfit.alerts.webhooks." + name + ".format", format);
        config.put("streamfit.alerts.webhooks." + name + ".initial-backoff", "200ms");
        config.put("streamfit.alerts.webhooks." + name + ".max-backoff", "1s");
    }
}
