package dev.streamfit.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.poll.TargetSnapshot;

/**
 * Rules about a target as a whole: {@code target.down} when a poll fails, and one finding per
 * kind of collection problem (a denied command, a limit reached) while the target is up.
 */
@ApplicationScoped
public class TargetHealthEvaluator implements Stage {


    @Inject
    FindingsRegistry findings;

    @Override
    public StageName stage() {
        return StageName.HEALTH;
    }

    @Override
    public void evaluate(TargetPolled event) {
        List<Observation> observations = new ArrayList<>();
        if (Boolean.FALSE.equals(event.status().up())) {
            observations.add(new Observation("target.down", Severity.CRITICAL, null, null, null, null,
                    event.status().system().label() + " target " + event.status().name() + " cannot be polled: " + event.status().error()));
        }
        event.snapshot().map(TargetSnapshot::problems).ifPresent(problems -> observations.addAll(byRule(problems)));
        findings.evaluate("target-health", event.status().id(), observations, Instant.now());
    }

    /** Problems of the same rule become one finding naming every subject (e.g. each denied command). */
    static List<Observation> byRule(List<CollectionProblem> problems) {
        Map<String, List<CollectionProblem>> grouped = new LinkedHashMap<>();
        problems.forEach(p -> grouped.computeIfAbsent(p.rule(), r -> new ArrayList<>()).add(p));
        List<Observation> observations = new ArrayList<>();
        grouped.forEach((rule, list) -> {
            Double value = list.stream().allMatch(p -> p.value() == null) ? null
                    : list.stream().mapToDouble(p -> p.value() == null ? 0 : p.value()).sum();
            String message = String.join("; ", list.stream().map(CollectionProblem::message).toList());
            observations.add(new Observation(rule, Severity.WARNING, null, null, value, null, message));
        });
        return observations;
    }
}
