package dev.streamfit.advisor;

import java.util.function.Supplier;

import java.util.stream.Stream;
import dev.streamfit.health.Evidence;

/** The four questions of the verdict model (SPEC: the idea behind the verdicts). */
public record Questions(QuestionAnswer replay, QuestionAnswer fanOut, QuestionAnswer longTermValue, QuestionAnswer longRetention) {

    /** fanOut means the same on both sides: at least {@code threshold} active consumer groups. */
    static QuestionAnswer fanOut(java.util.List<String> activeGroups, int threshold) {
        Supplier<String> evidence = () -> Evidence.count(activeGroups.size(), "active consumer group", "active consumer groups", activeGroups);
        Supplier<String> thresholdText = () -> "≥ " + threshold + " active groups";
        return activeGroups.size() >= threshold ? QuestionAnswer.yes(() -> evidence.get() + " ≥ " + threshold, thresholdText)
                : QuestionAnswer.no(() -> evidence.get() + " < " + threshold, thresholdText);
    }

    public long yesCount() {
        return Stream.of(replay, fanOut, longTermValue, longRetention).filter(q -> q.answer() == Answer.YES).count();
    }
}
