package dev.streamfit.findings;

import com.fasterxml.jackson.annotation.JsonValue;

/** pending: observed, not yet held for {@code streamfit.alerts.for}; firing: held; resolved: no longer observed. */
public enum FindingState {
    PENDING, FIRING, RESOLVED;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
