package dev.streamfit.metrics;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps Micrometer's own meters within what {@code promtool check metrics} accepts, so that the
 * whole of /q/metrics passes Prometheus's linter, not only StreamFit's series.
 */
@Singleton
public class LintCleanMeterFilters {

    /**
     * {@code process_cpu_time_ns} (an abbreviated unit) and {@code system_cpu_count} (a gauge named
     * like a histogram part) break naming rules; {@code process_cpu_usage} says the same thing.
     */
    private static final Set<String> MISNAMED = Set.of("process.cpu.time", "system.cpu.count");

    @Produces
    @Singleton
    MeterFilter denyMisnamedMeters() {
        return MeterFilter.deny(id -> MISNAMED.contains(id.getName()));
    }

    /** Quoted words in descriptions become {@code \"} in HELP lines, which Prometheus's parser rejects. */
    @Produces
    @Singleton
    MeterFilter plainHelpTexts() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                        description.replace('"', '\''), id.getType());
            }
        };
    }
}
