package dev.streamfit.advisor;

/** Whether a workload sits on the right backbone (SPEC: verdicts). */
public enum Verdict {
    OUTGROWN_REDIS, OVERBUILT_KAFKA, FITS, INSUFFICIENT_DATA;

    /** A verdict that asks for action (a move to the other backbone), listed first everywhere. */
    public boolean actOn() {
        return this == OUTGROWN_REDIS || this == OVERBUILT_KAFKA;
    }
}
