package dev.streamfit.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One run of the service as every benchmark does it: start it with a config file, sample it while
 * it polls, check that it saw the data set, read its heap after a full GC and its log, stop it.
 *
 * @param check what the scenario's check of the service's view said
 */
record ServiceRun(ServiceConfigFile config, ServiceSampler.Plan plan, double startSeconds, ServiceSamples samples, HeapAfterGc heap,
        ServiceLog log, String check) {

    /** Generous: the app itself starts in seconds, but on 2 busy cores with a broker loading it may take longer. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param targets the targets ("redis/bench") that must reach the plan's polls
     * @param check   reads the service's API after sampling and fails the run when it did not see the data set
     */
    static ServiceRun measure(ServiceConfigFile config, ServiceSampler.Plan plan, List<String> targets,
            Function<ServiceUnderTest, String> check) throws InterruptedException {
        BenchLog.log("starting " + ServiceUnderTest.COMMAND + " for " + targets.size() + " target(s)");
        try (ServiceUnderTest service = ServiceUnderTest.start(config, START_TIMEOUT)) {
            BenchLog.log(String.format("  API answered after %.1f s; sampling", service.startSeconds()));
            ServiceSamples samples = new ServiceSampler(service, plan).run(targets);
            HeapAfterGc heap = service.heapAfterFullGc();
            BenchLog.log("  heap after a full GC: " + heap.describe());
            String checked = checkWhenAnswering(service, check);
            BenchLog.log("  " + checked);
            return new ServiceRun(config, plan, service.startSeconds(), samples, heap, service.log(), checked);
        }
    }

    /**
     * The check needs the target's current data; a target that happens to be down at that moment (a
     * poll timed out — counted by the sampler already) is asked again for up to a minute.
     */
    private static String checkWhenAnswering(ServiceUnderTest service, Function<ServiceUnderTest, String> check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return check.apply(service);
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("answered 503")) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    // The run's figures still stand (the sampler counted the down polls): report them, and this.
                    return "**could not check** the service's view of the data set: for a minute after sampling, " + e.getMessage();
                }
                Thread.sleep(500);
            }
        }
    }

    /** The method bullets, the per-target table, the endpoint table and the health bullets. */
    String markdown(Duration interval, boolean summarizeTargets) {
        return ServiceFiguresMarkdown.method(config, plan, startSeconds, samples) + "\n"
                + (summarizeTargets ? ServiceFiguresMarkdown.targetSummary(samples, interval)
                        : ServiceFiguresMarkdown.targetTable(samples, interval))
                + "\n" + ServiceFiguresMarkdown.apiTable(samples) + "\n" + ServiceFiguresMarkdown.health(samples, log, heap)
                + "- Check: " + check + ".\n";
    }
}
