package dev.streamfit.support;

import java.util.concurrent.TimeUnit;

/** Stops a child process the tests started: politely first, forcibly after a grace period. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    public static void stop(Process process, int graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
