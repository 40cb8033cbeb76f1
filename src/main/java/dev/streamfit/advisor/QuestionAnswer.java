package dev.streamfit.advisor;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One question answered: the answer, the measured evidence in words, and the threshold it was
 * held to (null where none applies). The words are built when first read ({@link LazyText}).
 */
@JsonPropertyOrder({ "answer", "evidence", "threshold" })
public final class QuestionAnswer {

    private final Answer answer;
    private final LazyText evidence;
    private final LazyText threshold;

    private QuestionAnswer(Answer answer, LazyText evidence, LazyText threshold) {
        this.answer = answer;
        this.evidence = evidence;
        this.threshold = threshold;
    }

    static QuestionAnswer yes(Supplier<String> evidence, Supplier<String> threshold) {
        return new QuestionAnswer(Answer.YES, LazyText.of(evidence), LazyText.of(threshold));
    }

    static QuestionAnswer no(Supplier<String> evidence, Supplier<String> threshold) {
        return new QuestionAnswer(Answer.NO, LazyText.of(evidence), LazyText.of(threshold));
    }

    static QuestionAnswer unknown(Supplier<String> evidence, Supplier<String> threshold) {
        return new QuestionAnswer(Answer.UNKNOWN, LazyText.of(evidence), LazyText.of(threshold));
    }

    @JsonProperty
    public Answer answer() {
        return answer;
    }

    @JsonProperty
    public String evidence() {
        return evidence.toString();
    }

    @JsonProperty
    public String threshold() {
        return threshold.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuestionAnswer q && answer == q.answer && evidence.equals(q.evidence) && threshold.equals(q.threshold);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(answer, evidence, threshold);
    }

    @Override
    public String toString() {
        return answer + " (" + evidence() + "; threshold " + threshold() + ")";
    }
}
