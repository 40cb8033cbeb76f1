package dev.streamfit.advisor;

/**
 * One question answered: the answer, the measured evidence in words, and the threshold it was
 * held to (null where none applies).
 */
public record QuestionAnswer(Answer answer, String evidence, String threshold) {

    static QuestionAnswer yes(String evidence, String threshold) {
        return new QuestionAnswer(Answer.YES, evidence, threshold);
    }

    static QuestionAnswer no(String evidence, String threshold) {
        return new QuestionAnswer(Answer.NO, evidence, threshold);
    }

    static QuestionAnswer unknown(String evidence, String threshold) {
        return new QuestionAnswer(Answer.UNKNOWN, evidence, threshold);
    }
}
