package dev.streamfit.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.poll.TargetId;

/**
 * Every finding, from every evaluator, with its lifecycle: pending when first observed, firing once
 * observed for its rule's {@code for} ({@code streamfit.rules."<rule>".for}, else {@code streamfit.alerts.for}), resolved when an evaluation no longer observes it
 * (kept for {@link #RESOLVED_RETENTION} so that receivers and the page can show it ended). A
 * finding about a workload the poll could not observe ({@link StaleSubjects}) is unknown, not
 * ended: it keeps its state. What began or stopped firing is recorded as a {@link FindingChange}
 * per target, which the alerting stage takes ({@link #takeChanges}).
 */
@ApplicationScoped
public class FindingsRegistry {

    static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    @Inject
    StreamFitConfig config;

    /** The evaluator that produced a finding and the target it was about: an evaluation replaces exactly these. */
    private record Scope(String evaluator, TargetId target) {
    }

    /**
     * By scope: an evaluation touches only its own scope's findings, so targets are evaluated in
     * parallel and one with 30,000 findings does not make every other target's evaluation walk them.
     */
    private final Map<Scope, Map<Subject, Finding>> scopes = new ConcurrentHashMap<>();

    /** Per target, what began or stopped firing since the alerting stage last took them. */
    private final Map<TargetId, List<FindingChange>> changes = new ConcurrentHashMap<>();

    /** What a finding is about within its scope; its fingerprint is a hash of this, computed once per finding. */
    private record Subject(Rule rule, String workload, String group) {
    }

    /** Replaces what {@code evaluator} observed on {@code target} with {@code observations}. */
    public void evaluate(String evaluator, TargetId target, List<Observation> observations, Instant now) {
        evaluate(evaluator, target, observations, StaleSubjects.NONE, now);
    }

    /**
     * Replaces what {@code evaluator} observed on {@code target} with {@code observations}, except
     * that its findings about {@code stale} subjects, which it could not observe, stay as they are.
     */
    public void evaluate(String evaluator, TargetId target, List<Observation> observations, StaleSubjects stale, Instant now) {
        Scope scope = new Scope(evaluator, target);
        // One evaluation per target at a time (the pipeline's lanes); the lock only guards against misuse.
        Map<Subject, Finding> entries = scopes.computeIfAbsent(scope, s -> new ConcurrentHashMap<>());
        synchronized (entries) {
            replace(scope, entries, observations, stale, now);
        }
    }

    private void replace(Scope scope, Map<Subject, Finding> entries, List<Observation> observations, StaleSubjects stale, Instant now) {
        TargetId target = scope.target();
        Set<Subject> seen = new HashSet<>();
        List<FindingChange> changed = new ArrayList<>();
        for (Observation o : observations) {
            Subject subject = new Subject(o.rule(), o.workload(), o.group());
            seen.add(subject);
            Finding previous = entries.get(subject);
            // A SHA-256 per finding and poll adds up at 30,000 findings: reuse the one computed when it first appeared.
            String fingerprint = previous != null ? previous.fingerprint() : fingerprint(o.rule().id(), target, o.workload(), o.group());
            // While it holds, a finding's since is when it was first observed; once resolved, when it ended.
            Instant since = previous == null || previous.state() == FindingState.RESOLVED ? now : previous.since();
            Duration holdFor = config.holdFor(o.rule().id());
            FindingState state = Duration.between(since, now).compareTo(holdFor) >= 0 ? FindingState.FIRING : FindingState.PENDING;
            Finding finding = new Finding(fingerprint, o.rule().id(), o.severity(), target.system(), target.name(), o.workload(),
                    o.group(), state, since, o.value(), o.threshold(), o.message());
            entries.put(subject, finding);
            note(changed, previous, finding);
        }
        entries.replaceAll((subject, f) -> {
            // Not observed because not observable: unknown never resolves a finding.
            if (seen.contains(subject) || f.state() == FindingState.RESOLVED || stale.cover(f.workload(), f.group())) {
                return f;
            }
            Finding resolved = new Finding(f.fingerprint(), f.rule(), f.severity(), f.system(), f.target(), f.workload(),
                    f.group(), FindingState.RESOLVED, now, f.value(), f.threshold(), f.message());
            note(changed, f, resolved);
            return resolved;
        });
        if (!changed.isEmpty()) {
            changes.compute(target, (t, list) -> {
                List<FindingChange> all = list == null ? new ArrayList<>() : list;
                all.addAll(changed);
                return all;
            });
        }
        // Every scope of the target: an evaluator that no longer runs (the target is down) must not keep its resolved findings forever.
        scopes.forEach((other, otherEntries) -> {
            if (other.target().equals(target)) {
                otherEntries.values().removeIf(f -> f.state() == FindingState.RESOLVED
                        && f.since().isBefore(now.minus(RESOLVED_RETENTION)));
            }
        });
    }

    private static void note(List<FindingChange> changed, Finding previous, Finding current) {
        FindingChange change = new FindingChange(previous, current);
        if (change.fired() || change.resolved()) {
            changed.add(change);
        }
    }

    /**
     * What began or stopped firing on {@code target} since the last call, in the order it happened;
     * the alerting stage takes them once per evaluation.
     */
    public List<FindingChange> takeChanges(TargetId target) {
        List<FindingChange> taken = changes.remove(target);
        return taken == null ? List.of() : taken;
    }

    /** The findings of one target, from every evaluator, in no particular order. */
    public List<Finding> of(TargetId target) {
        return scopes.entrySet().stream().filter(e -> e.getKey().target().equals(target))
                .flatMap(e -> e.getValue().values().stream()).toList();
    }

    /** Worst first, then by system, target, workload and rule. */
    public List<Finding> all() {
        return scopes.values().stream().flatMap(entries -> entries.values().stream())
                .sorted(Comparator.comparing((Finding f) -> f.state() == FindingState.RESOLVED)
                        .thenComparing(Finding::severity, Comparator.reverseOrder())
                        .thenComparing(Finding::system).thenComparing(Finding::target)
                        .thenComparing(f -> f.workload() == null ? "" : f.workload())
                        .thenComparing(f -> f.group() == null ? "" : f.group()).thenComparing(Finding::rule))
                .toList();
    }

    static String fingerprint(String rule, TargetId target, String workload, String group) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String identity = rule + "\u0000" + target.system().label() + "\u0000" + target.name() + "\u0000" + (workload == null ? "" : workload)
                    + "\u0000" + (group == null ? "" : group);
            return HexFormat.of().formatHex(digest.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
