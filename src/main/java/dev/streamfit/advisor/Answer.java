package dev.streamfit.advisor;

/** The answer to one of the four questions. */
public enum Answer {
    YES, NO, UNKNOWN
}
