package dev.streamfit.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingChange;
import dev.streamfit.findings.Severity;

/**
 * Decides what one sink is told after an evaluation of a target: a fired notice for what began firing,
 * a resolved one for what stopped (unless {@code send-resolved=false}), a repeated one for what still
 * fires {@code repeat-interval} after it was last notified — each only at or above the sink's
 * {@code min-severity}. For the alertmanager format the alerts are grouped, as Alertmanager groups them,
 * by the {@code group-by} labels: one notice per group that changed, carrying every alert of the group
 * that fires and the ones that just resolved.
 */
final class WebhookNotifier {

    private final WebhookSink sink;
    private final Severity minSeverity;
    private final boolean sendResolved;
    private final List<String> groupBy;
    private final int maxAlerts;
    private final Duration repeatInterval;
    /** When each firing finding (by fingerprint) was last carried by a notice of this sink. */
    private final Map<String, Instant> lastNotified = new ConcurrentHashMap<>();

    WebhookNotifier(WebhookSink sink, Severity minSeverity, boolean sendResolved, List<String> groupBy, int maxAlerts, Duration repeatInterval) {
        this.sink = sink;
        this.minSeverity = minSeverity;
        this.sendResolved = sendResolved;
        this.groupBy = List.copyOf(groupBy);
        this.maxAlerts = maxAlerts;
        this.repeatInterval = repeatInterval;
    }

    WebhookSink sink() {
        return sink;
    }

    /**
     * @param changes        what began or stopped firing on the target in this evaluation
     * @param firingOfTarget every finding of the target that fires now
     * @param allFiring      every firing finding of every target (read only when a group spans targets)
     */
    void evaluated(List<FindingChange> changes, List<Finding> firingOfTarget, Supplier<List<Finding>> allFiring, Instant now) {
        Map<String, AlertEvent> events = new LinkedHashMap<>();
        List<Alert> resolved = new ArrayList<>();
        for (FindingChange change : changes) {
            Finding f = change.current();
            if (change.resolved()) {
                // Only what this sink was told fires is resolved to it (its severity may have changed since).
                if (lastNotified.remove(f.fingerprint()) != null && sendResolved) {
                    resolved.add(new Alert(f, change.previous().since(), f.since()));
                    events.put(f.fingerprint(), AlertEvent.RESOLVED);
                }
            }
        }
        for (Finding f : firingOfTarget) {
            if (!wanted(f)) {
                continue;
            }
            Instant last = lastNotified.get(f.fingerprint());
            if (last == null) {
                // Began firing now, or a severity change lifted it over min-severity: news to this sink either way.
                events.put(f.fingerprint(), AlertEvent.FIRED);
            } else if (!Duration.between(last, now).minus(repeatInterval).isNegative()) {
                events.put(f.fingerprint(), AlertEvent.REPEATED);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        if (sink.format().grouped()) {
            notifyGroups(events, resolved, firingOfTarget, allFiring, now);
        } else {
            for (Finding f : firingOfTarget) {
                AlertEvent event = events.get(f.fingerprint());
                if (event != null) {
                    send(event, List.of(Alert.firing(f)), Map.of(), 0, now);
                }
            }
            resolved.forEach(a -> send(AlertEvent.RESOLVED, List.of(a), Map.of(), 0, now));
        }
    }

    private void notifyGroups(Map<String, AlertEvent> events, List<Alert> resolved, List<Finding> firingOfTarget,
            Supplier<List<Finding>> allFiring, Instant now) {
        // Grouped by system and target (the default), every member of a group is a finding of this target.
        List<Finding> candidates = groupBy.containsAll(Set.of("system", "target")) ? firingOfTarget : allFiring.get();
        Map<Map<String, String>, List<Alert>> groups = new LinkedHashMap<>();
        Map<Map<String, String>, AlertEvent> groupEvents = new LinkedHashMap<>();
        for (Finding f : firingOfTarget) {
            if (events.containsKey(f.fingerprint())) {
                groupEvents.merge(groupLabels(f), events.get(f.fingerprint()), WebhookNotifier::stronger);
            }
        }
        for (Alert a : resolved) {
            groupEvents.merge(groupLabels(a.finding()), AlertEvent.RESOLVED, WebhookNotifier::stronger);
        }
        for (Finding f : candidates) {
            Map<String, String> labels = groupLabels(f);
            if (wanted(f) && groupEvents.containsKey(labels)) {
                groups.computeIfAbsent(labels, l -> new ArrayList<>()).add(Alert.firing(f));
            }
        }
        for (Alert a : resolved) {
            groups.computeIfAbsent(groupLabels(a.finding()), l -> new ArrayList<>()).add(a);
        }
        groupEvents.forEach((labels, event) -> {
            List<Alert> alerts = groups.getOrDefault(labels, List.of()).stream()
                    .sorted(Comparator.comparing((Alert a) -> !a.isFiring()).thenComparing(a -> a.finding().severity(), Comparator.reverseOrder()))
                    .toList();
            int truncated = maxAlerts > 0 && alerts.size() > maxAlerts ? alerts.size() - maxAlerts : 0;
            // The truncated ones were notified too (as a count), or they would count as news at every evaluation.
            alerts.stream().filter(Alert::isFiring).forEach(a -> lastNotified.put(a.finding().fingerprint(), now));
            send(event, alerts.subList(0, alerts.size() - truncated), labels, truncated, now);
        });
    }

    /** What a group's notice says when its alerts changed differently: fired over repeated over resolved. */
    private static AlertEvent stronger(AlertEvent a, AlertEvent b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Map<String, String> groupLabels(Finding f) {
        return AlertLabels.select(AlertLabels.of(f), groupBy);
    }

    private boolean wanted(Finding f) {
        return f.severity().compareTo(minSeverity) >= 0;
    }

    private void send(AlertEvent event, List<Alert> alerts, Map<String, String> groupLabels, int truncated, Instant now) {
        alerts.stream().filter(Alert::isFiring).forEach(a -> lastNotified.put(a.finding().fingerprint(), now));
        sink.offer(new Notice(newId(), event, sink.name(), alerts, groupLabels, truncated, now));
    }

    /** A Standard Webhooks message id: unique per notice, the same on each of its retries. */
    static String newId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
