package dev.streamfit.bench;

/** Progress lines on standard output while a benchmark runs (minutes at full size): what it is doing now. */
final class BenchLog {

    private BenchLog() {
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
