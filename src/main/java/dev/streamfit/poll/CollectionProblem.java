package dev.streamfit.poll;

/**
 * Something a poll could not collect while the target was up: a command the ACL denies, one that
 * failed, a shard that did not answer, a limit that left workloads out. A collector says what went
 * wrong; the health stage names the finding it raises ({@code Rule.forProblem(system, kind)} in the
 * rule catalogue), so collectors know nothing of rules.
 *
 * @param kind    what went wrong
 * @param subject what it concerns: the denied command, the shard, or the limit's key
 * @param value   the measured value where there is one (e.g. streams left out), else null
 * @param message for people, credentials already removed
 */
public record CollectionProblem(Kind kind, String subject, Double value, String message) {

    /** What went wrong. */
    public enum Kind {
        /** The ACL denies a command or operation: the values it gives are unknown. */
        DENIED,
        /** A command or call failed for another reason. */
        FAILED,
        /** A shard (a cluster primary) could not be polled at all. */
        UNREACHABLE,
        /** A configured limit left workloads out. */
        LIMITED
    }

    public static CollectionProblem denied(String subject, String message) {
        return new CollectionProblem(Kind.DENIED, subject, null, message);
    }

    public static CollectionProblem failed(String subject, String message) {
        return new CollectionProblem(Kind.FAILED, subject, null, message);
    }

    public static CollectionProblem unreachable(String subject, String message) {
        return new CollectionProblem(Kind.UNREACHABLE, subject, null, message);
    }

    public static CollectionProblem limited(String subject, double value, String message) {
        return new CollectionProblem(Kind.LIMITED, subject, value, message);
    }
}
