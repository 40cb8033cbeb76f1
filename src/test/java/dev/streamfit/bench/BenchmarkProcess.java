package dev.streamfit.bench;

/**
 * How a benchmark's main runs: with the Kafka clients' chatter off, ending in exit 0 when the run
 * completed, 1 with the stack trace when it failed. Exiting explicitly matters: the Vert.x, Kafka client and HTTP client threads of a
 * benchmark would keep a failed run's JVM alive.
 */
final class BenchmarkProcess {

    /** A benchmark run. */
    interface Run {
        void run() throws Exception;
    }

    private BenchmarkProcess() {
    }

    static void runAndExit(Run run) {
        BenchLog.quietKafkaClients();
        try {
            run.run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
