package dev.streamfit.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message for one sink. {@code id} is the Standard Webhooks {@code webhook-id}: the same on every
 * retry, so a receiver can drop a duplicate.
 *
 * @param groupLabels the labels the alerts were grouped by (alertmanager format; empty otherwise)
 * @param truncated   alerts of the group left out by {@code max-alerts}
 * @param raisedAt    when it was created: it is given up {@code max-retry-duration} later
 */
public record Notice(String id, AlertEvent event, String webhook, List<Alert> alerts, Map<String, String> groupLabels, int truncated,
        Instant raisedAt) {

    public Notice {
        alerts = List.copyOf(alerts);
        groupLabels = Map.copyOf(groupLabels);
    }

    /** Any firing alert makes the notice firing, as in Alertmanager. */
    public boolean isFiring() {
        return alerts.stream().anyMatch(Alert::isFiring);
    }
}
