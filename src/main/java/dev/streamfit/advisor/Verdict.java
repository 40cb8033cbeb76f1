package dev.streamfit.advisor;

/** Whether a workload sits on the right backbone (SPEC: verdicts). */
public enum Verdict {
    OUTGROWN_REDIS, OVERBUILT_KAFKA, FITS, INSUFFICIENT_DATA
}
