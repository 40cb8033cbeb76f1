package dev.streamfit.metrics;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.prometheus.client.Collector;

/**
 * The names of the samples StreamFit exports at /q/metrics, read from where each family is defined
 * (the {@link SeriesFamily} constants of every {@link TargetSeriesCollector} of the package, found
 * among its compiled classes, and {@link TargetMetricsCollector}'s names), so
 * that dashboards and alert rules can be checked against them without a running service.
 * Counters appear as their samples are named: {@code <name>_total}.
 */
public final class ExportedSeries {

    private ExportedSeries() {
    }

    public static Set<String> gauges() {
        Set<String> names = new TreeSet<>(TargetMetricsCollector.GAUGES);
        families().stream().filter(f -> f.type() == Collector.Type.GAUGE).forEach(f -> names.add(f.name()));
        return names;
    }

    public static Set<String> counters() {
        Set<String> names = new TreeSet<>();
        TargetMetricsCollector.COUNTERS.forEach(name -> names.add(name + "_total"));
        families().stream().filter(f -> f.type() == Collector.Type.COUNTER).forEach(f -> names.add(f.name() + "_total"));
        return names;
    }

    public static Set<String> all() {
        Set<String> names = new TreeSet<>(gauges());
        names.addAll(counters());
        return names;
    }

    private static List<SeriesFamily> families() {
        return collectors().stream().flatMap(c -> List.of(c.getDeclaredFields()).stream())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == SeriesFamily.class)
                .map(ExportedSeries::value).toList();
    }

    /** Every concrete {@link TargetSeriesCollector} in this package's compiled classes: a new collector needs no list updated. */
    private static List<Class<?>> collectors() {
        try {
            // The directory of the compiled collector itself: test classes share the package name.
            URL collector = TargetSeriesCollector.class.getResource(TargetSeriesCollector.class.getSimpleName() + ".class");
            try (Stream<Path> files = Files.list(Path.of(collector.toURI()).getParent())) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                        .<Class<?>>map(n -> load(TargetSeriesCollector.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length())))
                        .filter(c -> TargetSeriesCollector.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                        .toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the compiled metrics collectors", e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TargetSeriesCollector.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SeriesFamily value(Field field) {
        try {
            field.setAccessible(true);
            return (SeriesFamily) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
