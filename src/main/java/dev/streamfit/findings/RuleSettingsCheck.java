package dev.streamfit.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.streamfit.config.ConfigCheck;
import dev.streamfit.config.ConfigValidator.Problem;
import dev.streamfit.config.StreamFitConfig;

/** {@code streamfit.rules."<rule id>".*} names a rule that raises findings: a misspelt id would silently do nothing. */
@ApplicationScoped
public class RuleSettingsCheck implements ConfigCheck {

    @Override
    public List<Problem> problems(StreamFitConfig config) {
        List<Problem> problems = new ArrayList<>();
        for (String id : config.rules().byRule().keySet()) {
            Rule rule = Rule.byId(id);
            if (rule == null || rule.use() == Rule.Use.SIGNAL) {
                problems.add(new Problem("streamfit.rules.\"" + id + "\"", "is not the id of a rule that raises findings; known: "
                        + findingRules().collect(Collectors.joining(", "))));
            }
        }
        return problems;
    }

    private static Stream<String> findingRules() {
        return Stream.of(Rule.values()).filter(r -> r.use() != Rule.Use.SIGNAL).map(Rule::id);
    }
}
