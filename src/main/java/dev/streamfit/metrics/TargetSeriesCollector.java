package dev.streamfit.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;
import io.prometheus.client.Collector;

/**
 * A collector whose series are built once per evaluation of each target, on the evaluation thread
 * (stage VIEWS, after every figure of that poll exists), and only merged at scrape time. At 10,000
 * streams × 3 groups a scrape holds some 300,000 series: rebuilding them from the snapshots at every
 * scrape would cost the HTTP thread what the evaluation already paid.
 */
abstract class TargetSeriesCollector extends Collector implements Stage {

    private final ConcurrentMap<TargetId, List<MetricFamilySamples>> byTarget = new ConcurrentHashMap<>();

    @Override
    public StageName stage() {
        return StageName.VIEWS;
    }

    @Override
    public void evaluate(TargetPolled polled) {
        TargetId target = polled.status().id();
        byTarget.put(target, List.copyOf(build(target)));
    }

    @Override
    public void forget(TargetId target) {
        byTarget.remove(target);
    }

    /**
     * The target's series from its current results (no samples when it has none, e.g. after a failed
     * poll); with {@code target} null, the same families without samples.
     */
    protected abstract List<MetricFamilySamples> build(TargetId target);

    @Override
    public List<MetricFamilySamples> collect() {
        Map<String, MetricFamilySamples> merged = new LinkedHashMap<>();
        for (MetricFamilySamples empty : build(null)) {
            merged.put(empty.name, new MetricFamilySamples(empty.name, empty.unit, empty.type, empty.help, new ArrayList<>()));
        }
        byTarget.keySet().stream().sorted().forEach(target -> {
            for (MetricFamilySamples family : byTarget.get(target)) {
                merged.get(family.name).samples.addAll(family.samples);
            }
        });
        return List.copyOf(merged.values());
    }
}
