package dev.streamfit.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alertmanager's webhook payload, version "4", field for field, so that every receiver written for
 * Alertmanager reads StreamFit's notices unchanged. A firing alert's {@code endsAt} is Go's zero time,
 * as Alertmanager writes it.
 */
final class AlertmanagerFormat extends JsonNoticeFormat {

    /** What Alertmanager puts in {@code endsAt} of a firing alert. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    record Payload(String version, String groupKey, int truncatedAlerts, String status, String receiver, Map<String, String> groupLabels,
            Map<String, String> commonLabels, Map<String, String> commonAnnotations, @JsonProperty("externalURL") String externalURL,
            List<AlertmanagerAlert> alerts) {
    }

    record AlertmanagerAlert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
            @JsonProperty("generatorURL") String generatorURL, String fingerprint) {
    }

    AlertmanagerFormat(ObjectMapper json, ReportLinks links) {
        super(json, links);
    }

    @Override
    public boolean grouped() {
        return true;
    }

    @Override
    public byte[] render(Notice notice) {
        List<AlertmanagerAlert> alerts = new ArrayList<>();
        List<Map<String, String>> labelSets = new ArrayList<>();
        List<Map<String, String>> annotationSets = new ArrayList<>();
        for (Alert a : notice.alerts()) {
            Map<String, String> labels = AlertLabels.of(a.finding());
            Map<String, String> annotations = AlertLabels.annotations(a.finding());
            labelSets.add(labels);
            annotationSets.add(annotations);
            alerts.add(new AlertmanagerAlert(a.isFiring() ? "firing" : "resolved", labels, annotations, time(a.startsAt()),
                    a.isFiring() ? ZERO_TIME : time(a.endsAt()), links.of(a.finding()), a.finding().fingerprint()));
        }
        Payload payload = new Payload("4", groupKey(notice.groupLabels()), notice.truncated(), notice.isFiring() ? "firing" : "resolved",
                notice.webhook(), new TreeMap<>(notice.groupLabels()), common(labelSets), common(annotationSets), links.externalUrl(), alerts);
        return write(payload);
    }

    /** Alertmanager's form: the route's matchers ({@code {}} at the root), then the group's labels, sorted. */
    static String groupKey(Map<String, String> groupLabels) {
        return "{}:{" + new TreeMap<>(groupLabels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ")) + "}";
    }

    /** The entries every map has with the same value. */
    static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return new TreeMap<>(common);
    }

    static String time(Instant instant) {
        return instant.toString();
    }
}
