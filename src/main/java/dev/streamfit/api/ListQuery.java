package dev.streamfit.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import dev.streamfit.advisor.Signal;
import dev.streamfit.advisor.Verdict;
import dev.streamfit.advisor.Workload;
import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.SystemKind;

/**
 * The filters and the page of {@code /api/v1/workloads} and {@code /api/v1/findings}:
 * {@code ?system=&target=&verdict=&severity=&q=&limit=&offset=} ({@code state} instead of {@code verdict} for
 * findings). Every parameter is optional; a
 * list parameter takes values separated by commas (any of them matches), and the filters given must
 * all match. Values are checked: a misspelt verdict is an error (400), not an empty page.
 *
 * @param systems    the systems to keep; empty: all
 * @param target     the target name, exactly; null: all
 * @param verdicts   workloads only: the verdicts to keep; empty: all
 * @param severities findings: their severity; workloads: a signal of that severity
 * @param states     findings only: pending, firing, resolved; empty: all
 * @param text       lower-cased text that the name (and more, see {@link #matches}) must contain; null: any
 * @param limit      at most this many in the answer; null: all
 * @param offset     how many matches to skip first
 * @param given      whether any parameter was given: without one the answer is the whole list as before
 */
public record ListQuery(Set<SystemKind> systems, String target, Set<Verdict> verdicts, Set<Severity> severities, Set<FindingState> states,
        String text, Integer limit, int offset, boolean given) {

    /** A query parameter with a value that cannot be read: the answer is 400 with this message. */
    public static final class BadParameter extends IllegalArgumentException {
        BadParameter(String message) {
            super(message);
        }
    }

    /** {@code /api/v1/workloads}' parameters as given; blank ones count as absent. */
    public static ListQuery workloads(String system, String target, String verdict, String severity, String q, String limit, String offset) {
        return of(system, target, verdict, severity, null, q, limit, offset);
    }

    /** {@code /api/v1/findings}' parameters as given; blank ones count as absent. */
    public static ListQuery findings(String system, String target, String severity, String state, String q, String limit, String offset) {
        return of(system, target, null, severity, state, q, limit, offset);
    }

    private static ListQuery of(String system, String target, String verdict, String severity, String state, String q, String limit,
            String offset) {
        boolean given = Arrays.asList(system, target, verdict, severity, state, q, limit, offset).stream().anyMatch(ListQuery::present);
        return new ListQuery(values("system", system, SystemKind.class, SystemKind::label),
                present(target) ? target : null,
                values("verdict", verdict, Verdict.class, Verdict::name),
                values("severity", severity, Severity.class, Severity::label),
                values("state", state, FindingState.class, s -> s.name().toLowerCase(Locale.ROOT)),
                present(q) ? q.toLowerCase(Locale.ROOT) : null,
                present(limit) ? count("limit", limit) : null,
                present(offset) ? count("offset", offset) : 0,
                given);
    }

    /** Whether a workload passes every filter given: {@code q} looks in its name and its target's. */
    public boolean matches(Workload w) {
        return (systems.isEmpty() || systems.contains(w.system())) && (target == null || target.equals(w.target()))
                && (verdicts.isEmpty() || verdicts.contains(w.verdict()))
                && (severities.isEmpty() || w.signals().stream().map(Signal::severity).anyMatch(severities::contains))
                && (text == null || contains(w.name()) || contains(w.target()));
    }

    /** Whether a finding passes every filter given: {@code q} looks in its workload, group, target, rule and message. */
    public boolean matches(Finding f) {
        return (systems.isEmpty() || systems.contains(f.system())) && (target == null || target.equals(f.target()))
                && (severities.isEmpty() || severities.contains(f.severity())) && (states.isEmpty() || states.contains(f.state()))
                && (text == null || contains(f.workload()) || contains(f.group()) || contains(f.target()) || contains(f.rule())
                        || contains(f.message()));
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static <E extends Enum<E>> Set<E> values(String parameter, String given, Class<E> type, Function<E, String> spelling) {
        Set<E> values = EnumSet.noneOf(type);
        if (!present(given)) {
            return values;
        }
        for (String part : given.split(",")) {
            String wanted = part.trim();
            E value = Arrays.stream(type.getEnumConstants()).filter(e -> spelling.apply(e).equals(wanted)).findFirst()
                    .orElseThrow(() -> new BadParameter(parameter + " '" + wanted + "' is not one of "
                            + Arrays.stream(type.getEnumConstants()).map(spelling).toList()));
            values.add(value);
        }
        return values;
    }

    private static int count(String parameter, String given) {
        try {
            int value = Integer.parseInt(given.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter(parameter + " must be a whole number ≥ 0, not '" + given + "'");
    }
}
