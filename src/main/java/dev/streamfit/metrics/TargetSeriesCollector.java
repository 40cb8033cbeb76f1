package dev.streamfit.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;

/**
 * Series rendered once per evaluation of each target, on the evaluation thread (stage VIEWS, after
 * every figure of that poll exists), straight into the text a scrape sends: a scrape only copies
 * bytes. At 10,000 streams × 3 groups a scrape holds some 300,000 series; building and formatting
 * them at every scrape cost the scrape 0.4 s and the evaluation a sample object per series.
 */
abstract class TargetSeriesCollector implements Stage {

    private final ConcurrentMap<TargetId, SeriesLines.Rendered[]> byTarget = new ConcurrentHashMap<>();

    @Override
    public StageName stage() {
        return StageName.VIEWS;
    }

    @Override
    public void evaluate(TargetPolled polled) {
        TargetId target = polled.status().id();
        SeriesLines lines = new SeriesLines(families());
        write(target, lines);
        byTarget.put(target, lines.toArrays());
    }

    @Override
    public void forget(TargetId target) {
        byTarget.remove(target);
    }

    /** The families this collector writes, in the order a scrape shows them. */
    protected abstract List<SeriesFamily> families();

    /** The target's series from its current results (none when it has none, e.g. after a failed poll). */
    protected abstract void write(TargetId target, SeriesLines lines);

    /** Every family's header, then its lines of every target, targets in a stable order. */
    void appendTo(ScrapeBody scrape, ScrapeFormat format) {
        List<TargetId> targets = byTarget.keySet().stream().sorted().toList();
        List<SeriesLines.Rendered[]> rendered = targets.stream().map(byTarget::get).toList();
        List<SeriesFamily> families = families();
        for (int i = 0; i < families.size(); i++) {
            scrape.add(families.get(i).header(format));
            for (SeriesLines.Rendered[] target : rendered) {
                if (target != null) {
                    target[i].appendTo(scrape);
                }
            }
        }
    }

}
