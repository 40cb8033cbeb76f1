package dev.streamfit.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options every scenario reads besides its data set: {@code bench.pollInterval} (the service's
 * {@code streamfit.poll-interval}), how to sample the service ({@link ServiceSampler.Plan#from}),
 * {@code bench.out} (the report file, docs/benchmarks.md), and the command that repeats the run.
 */
record ScenarioOptions(BenchOptions options, Duration pollInterval, ServiceSampler.Plan plan, Path out) {

    static ScenarioOptions read(BenchOptions options, Duration defaultInterval, Duration defaultDuration) {
        Duration interval = options.duration("bench.pollInterval", defaultInterval);
        ServiceSampler.Plan plan = ServiceSampler.Plan.from(options, interval, defaultDuration);
        return new ScenarioOptions(options, interval, plan, options.path("bench.out", Path.of("docs", "benchmarks.md")));
    }

    /** The script with every option given; read it after all options are read. */
    String command() {
        return options.command();
    }
}
