package dev.streamfit.findings;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
