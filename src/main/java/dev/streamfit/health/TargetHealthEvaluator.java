package dev.streamfit.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.poll.TargetSnapshot;
import dev.streamfit.poll.TargetStatus;

/**
 * Rules about a target as a whole: {@link Rule#TARGET_DOWN} when a poll fails, and one finding per
 * kind of collection problem (a denied command, a limit reached) while the target is up, named by
 * {@link Rule#forProblem}.
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
        down(event.status()).ifPresent(observations::add);
        event.snapshot().map(TargetSnapshot::problems).ifPresent(problems -> observations.addAll(byRule(event.status().system(), problems)));
        findings.evaluate("target-health", event.status().id(), observations, Instant.now());
    }

    /** {@code target.down}: the last poll failed. */
    static Optional<Observation> down(TargetStatus status) {
        if (!Boolean.FALSE.equals(status.up())) {
            return Optional.empty();
        }
        return Optional.of(Observation.of(Rule.TARGET_DOWN, null, null, null, null,
                status.system().label() + " target " + status.name() + " cannot be polled: " + status.error()));
    }

    /** Problems of the same rule become one finding naming every subject (e.g. each denied command). */
    static List<Observation> byRule(SystemKind system, List<CollectionProblem> problems) {
        Map<Rule, List<CollectionProblem>> grouped = new LinkedHashMap<>();
        problems.forEach(p -> grouped.computeIfAbsent(Rule.forProblem(system, p.kind()), r -> new ArrayList<>()).add(p));
        List<Observation> observations = new ArrayList<>();
        grouped.forEach((rule, list) -> {
            Double value = list.stream().allMatch(p -> p.value() == null) ? null
                    : list.stream().mapToDouble(p -> p.value() == null ? 0 : p.value()).sum();
            String message = String.join("; ", list.stream().map(CollectionProblem::message).toList());
            observations.add(Observation.of(rule, null, null, value, null, message));
        });
        return observations;
    }
}
