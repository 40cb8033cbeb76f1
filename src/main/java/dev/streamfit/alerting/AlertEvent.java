package dev.streamfit.alerting;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a notice is sent. */
public enum AlertEvent {
    /** A finding began firing (it held for its rule's {@code for}). */
    FIRED,
    /** A finding still fires {@code streamfit.alerts.repeat-interval} after it was last notified. */
    REPEATED,
    /** A firing finding is no longer observed. */
    RESOLVED,
    /** Sent on request by {@code POST /api/v1/alerts/test}. */
    TEST;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
