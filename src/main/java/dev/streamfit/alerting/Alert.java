package dev.streamfit.alerting;

import java.time.Instant;

import dev.streamfit.findings.Finding;

/**
 * One finding as a notice carries it.
 *
 * @param finding  the finding as {@code /api/v1/findings} shows it
 * @param startsAt when it began (first observed)
 * @param endsAt   when it ended; null while it fires
 */
public record Alert(Finding finding, Instant startsAt, Instant endsAt) {

    public static Alert firing(Finding finding) {
        return new Alert(finding, finding.since(), null);
    }

    public boolean isFiring() {
        return endsAt == null;
    }
}
