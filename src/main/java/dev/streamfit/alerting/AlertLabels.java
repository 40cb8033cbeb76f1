package dev.streamfit.alerting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.streamfit.findings.Finding;

/**
 * The labels of a finding as Alertmanager sees it — {@code alertname} (the rule id), {@code severity},
 * {@code system}, {@code target}, {@code workload}, {@code group} — and its annotations. A label whose
 * value is unknown (a finding about a whole target has no workload) is left out, as Alertmanager
 * treats an empty label as absent.
 */
final class AlertLabels {

    private AlertLabels() {
    }

    static Map<String, String> of(Finding f) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", f.rule());
        labels.put("severity", f.severity().label());
        labels.put("system", f.system().label());
        labels.put("target", f.target());
        putKnown(labels, "workload", f.workload());
        putKnown(labels, "group", f.group());
        return labels;
    }

    static Map<String, String> annotations(Finding f) {
        Map<String, String> annotations = new TreeMap<>();
        putKnown(annotations, "summary", f.message());
        putKnown(annotations, "value", f.value() == null ? null : number(f.value()));
        putKnown(annotations, "threshold", f.threshold() == null ? null : number(f.threshold()));
        return annotations;
    }

    /** The values of {@code names} in {@code labels}, in the order given; a missing label is left out. */
    static Map<String, String> select(Map<String, String> labels, Iterable<String> names) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : names) {
            if (labels.containsKey(name)) {
                selected.put(name, labels.get(name));
            }
        }
        return selected;
    }

    /** Whole numbers without a fraction, as people write them. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static void putKnown(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
