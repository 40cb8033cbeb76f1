package dev.streamfit.poll;

/**
 * Something a poll could not collect while the target was up: a command the ACL denies
 * ({@code rule} names the finding it raises), a limit that left workloads out.
 *
 * @param rule    the finding rule id, e.g. {@code redis.permission-denied}
 * @param subject what it concerns: the denied command, or the limit's key
 * @param value   the measured value where there is one (e.g. streams left out), else null
 * @param message for people, credentials already removed
 */
public record CollectionProblem(String rule, String subject, Double value, String message) {
}
