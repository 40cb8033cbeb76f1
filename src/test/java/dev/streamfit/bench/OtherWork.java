package dev.streamfit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How busy the machine was while a benchmark ran: the load average before and after, and, checked
 * every 2 s, other Maven builds, test JVMs, benchmarks or demos (outside this process and its
 * children). On 2 cores they slow whatever is measured, and the load average alone cannot tell them
 * from the benchmark itself.
 */
final class OtherWork implements AutoCloseable {

    private static final List<String> MARKERS = List.of("org.codehaus.plexus.classworlds.launcher.Launcher", "surefire",
            "dev.streamfit.bench.", "dev.streamfit.demo.");

    private final String loadBefore = Machine.loadAverage();
    private final Set<String> seen = new TreeSet<>();
    private final Thread thread = new Thread(this::check, "bench-other-work");
    private volatile boolean running = true;
    private int checks;
    private int busyChecks;

    private OtherWork() {
        thread.setDaemon(true);
    }

    static OtherWork watch() {
        OtherWork watcher = new OtherWork();
        watcher.thread.start();
        return watcher;
    }

    private void check() {
        long self = ProcessHandle.current().pid();
        while (running) {
            List<String> found = new ArrayList<>();
            ProcessHandle.allProcesses().filter(p -> p.pid() != self && !isOurs(p, self))
                    .forEach(p -> kind(cmdline(p)).ifPresent(found::add));
            synchronized (this) {
                checks++;
                busyChecks += found.isEmpty() ? 0 : 1;
                seen.addAll(found);
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Optional<String> kind(String cmdline) {
        for (String marker : MARKERS) {
            if (cmdline.contains(marker)) {
                return Optional.of(switch (marker) {
                    case "dev.streamfit.bench." -> "another benchmark";
                    case "dev.streamfit.demo." -> "a StreamFit demo";
                    case "surefire" -> "surefire tests";
                    default -> "a Maven build";
                });
            }
        }
        return Optional.empty();
    }

    private static boolean isOurs(ProcessHandle process, long self) {
        for (Optional<ProcessHandle> p = process.parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().pid() == self) {
                return true;
            }
        }
        return false;
    }

    /** /proc/PID/cmdline itself: ProcessHandle.Info may leave the arguments out of long command lines. */
    private static String cmdline(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** For the report's load line: "0.52/0.80/1.01 before the run, 1.90/1.20/1.10 after it; no other ...". */
    synchronized String summary() {
        return loadBefore + " before the run, " + Machine.loadAverage() + " after it; " + (busyChecks == 0
                ? "no other Maven build, test run, benchmark or demo seen on the machine during the run (checked every 2 s)"
                : "**other work ran during " + busyChecks + " of " + checks + " checks (every 2 s): " + String.join(", ", seen)
                        + "** — figures may be slowed by it");
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
