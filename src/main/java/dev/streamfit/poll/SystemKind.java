package dev.streamfit.poll;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of system a target is; its lower-case name is the {@code system} label and API field. */
public enum SystemKind {
    REDIS, KAFKA;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
