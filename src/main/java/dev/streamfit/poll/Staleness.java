package dev.streamfit.poll;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether what a record says about a workload (a stream, topic, group or server) was observed by
 * this poll or kept from an earlier one that the poll could not repeat ({@link Gap}). Stale
 * knowledge is shown, marked, and kept in place — its rings, verdict state and findings — but it is
 * no new observation: no history sample is recorded from it and no rule judges it again.
 *
 * @param <T> the record itself, so that {@link #stale(String)} returns a marked copy of it
 */
public interface Staleness<T extends Staleness<T>> {

    /** Why this poll could not observe the workload; null when it did. */
    String staleReason();

    /** The same knowledge, marked stale for {@code reason}. */
    T stale(String reason);

    @JsonProperty("stale")
    default boolean stale() {
        return staleReason() != null;
    }

    /**
     * What a poll knows after a gap: everything it observed, plus each workload of the previous poll
     * that it did not observe and could not have observed — for which {@code unknownBecause} gives a
     * reason — marked stale with that reason. A workload it did not observe for which there is no
     * reason was listed as gone by a successful listing: it is left out. Sorted by name.
     *
     * @param unknownBecause why a previous workload was not observed; null when a listing showed it is gone
     */
    static <T extends Staleness<T>> List<T> keep(List<T> observed, List<T> previous, Function<T, String> name,
            Function<T, String> unknownBecause) {
        Set<String> seen = observed.stream().map(name).collect(Collectors.toCollection(HashSet::new));
        List<T> known = new ArrayList<>(observed);
        for (T earlier : previous) {
            if (!seen.contains(name.apply(earlier))) {
                String reason = unknownBecause.apply(earlier);
                if (reason != null) {
                    known.add(earlier.stale(reason));
                }
            }
        }
        known.sort(Comparator.comparing(name));
        return List.copyOf(known);
    }

    /** The stale ones among {@code items}: name → reason. */
    static <T extends Staleness<T>> Map<String, String> reasons(List<T> items, Function<T, String> name) {
        return items.stream().filter(Staleness::stale).collect(Collectors.toMap(name, Staleness::staleReason, (a, b) -> a));
    }
}
