package dev.streamfit.advisor;

import java.util.stream.Stream;

/** The four questions of the verdict model (SPEC: the idea behind the verdicts). */
public record Questions(QuestionAnswer replay, QuestionAnswer fanOut, QuestionAnswer longTermValue, QuestionAnswer longRetention) {

    public long yesCount() {
        return Stream.of(replay, fanOut, longTermValue, longRetention).filter(q -> q.answer() == Answer.YES).count();
    }
}
