package dev.streamfit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.poll.TargetId;

/**
 * {@code /api/v1/workloads} filtered and paged on the server, in the order of the whole list
 * ({@link AdvisorService#ACT_ON_FIRST}): what the report page asks for at 10,000 workloads instead of
 * all of them. Each target's workloads are sorted once per evaluation (the advisor's list is replaced
 * by each evaluation, so its identity says when), split into those to act on and the rest; a query
 * then walks them in place — a filter over 10,000 workloads takes a millisecond or two, and only the
 * page's workloads are written as JSON. The unfiltered answer stays {@link WorkloadsJson}'s.
 */
@ApplicationScoped
public class WorkloadListing {

    @Inject
    AdvisorService advisor;

    /** A target's workloads (the very list the advisor holds), sorted and split. */
    private record Sorted(List<Workload> of, List<Workload> actOn, List<Workload> rest) {
    }

    private final ConcurrentMap<TargetId, Sorted> sorted = new ConcurrentHashMap<>();

    /** The workloads that pass the query's filters, the page it asks for, and how many passed in all. */
    public ListPage<Workload> find(ListQuery query) {
        List<Sorted> parts = new ArrayList<>();
        List<TargetId> targets = advisor.targets().stream().sorted().toList();
        sorted.keySet().retainAll(targets);
        for (TargetId target : targets) {
            if ((query.systems().isEmpty() || query.systems().contains(target.system()))
                    && (query.target() == null || query.target().equals(target.name()))) {
                parts.add(sorted(target));
            }
        }
        List<Workload> inOrder = new ArrayList<>();
        parts.forEach(p -> inOrder.addAll(p.actOn()));
        parts.forEach(p -> inOrder.addAll(p.rest()));
        return ListPage.of(inOrder, query::matches, query.offset(), query.limit());
    }

    /** Whether the target has workloads now: its last poll succeeded and was evaluated. */
    public boolean hasCurrent(TargetId target) {
        return advisor.targets().contains(target);
    }

    /** One workload; empty when the target's last evaluation has no workload of that name. */
    public Optional<Workload> find(TargetId target, String name) {
        return advisor.workloads(target).stream().filter(w -> w.name().equals(name)).findFirst();
    }

    private Sorted sorted(TargetId target) {
        List<Workload> workloads = advisor.workloads(target);
        Sorted part = sorted.get(target);
        if (part == null || part.of() != workloads) {
            List<Workload> all = workloads.stream().sorted(AdvisorService.ACT_ON_FIRST).toList();
            part = new Sorted(workloads, all.stream().filter(w -> w.verdict().actOn()).toList(),
                    all.stream().filter(w -> !w.verdict().actOn()).toList());
            sorted.put(target, part);
        }
        return part;
    }
}
