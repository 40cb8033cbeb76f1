package dev.streamfit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamfit.support.RedisServer;

/**
 * The live heap of another JVM: the bytes of every object that survives a full GC, as
 * {@code jcmd <pid> GC.class_histogram} counts them right after the full GC it runs itself; the
 * committed heap from {@code GC.heap_info}; and the process's resident memory, which is what a pod's
 * memory limit holds against. -1 where a figure could not be read.
 *
 * <p>The used heap of {@code GC.heap_info} after a separate {@code GC.run} is not the live heap: the
 * second attach takes a fraction of a second, in which a service polling 10,000 streams allocates
 * tens of megabytes (readings of one run varied by 100 MiB).
 */
record HeapAfterGc(long usedBytes, long committedBytes, long residentBytes) {

    /** The histogram's last line: "Total <instances> <bytes>". */
    private static final Pattern TOTAL_LINE = Pattern.compile("(?m)^\\s*Total\\s+\\d+\\s+(\\d+)\\s*$");
    /** "garbage-first heap total 524288K, used 91234K" (G1) or one line per generation (Serial, Parallel). */
    private static final Pattern HEAP_LINE = Pattern.compile("(generation|heap)\\s+total (\\d+)K, used (\\d+)K");

    /** Readings taken, 1 s apart: a poll in flight holds its replies and snapshot, so the smallest reading is the service's own. */
    static final int READINGS = 3;

    /** The reading with the least used heap of {@link #READINGS}. */
    static HeapAfterGc of(long pid) {
        HeapAfterGc least = reading(pid);
        for (int i = 1; i < READINGS; i++) {
            RedisServer.sleep(1000);
            HeapAfterGc next = reading(pid);
            least = next.usedBytes() >= 0 && (least.usedBytes() < 0 || next.usedBytes() < least.usedBytes()) ? next : least;
        }
        return least;
    }

    private static HeapAfterGc reading(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String histogram = Machine.commandOutput(List.of(jcmd, String.valueOf(pid), "GC.class_histogram"), 120);
        String info = Machine.commandOutput(List.of(jcmd, String.valueOf(pid), "GC.heap_info"), 60);
        Matcher total = TOTAL_LINE.matcher(histogram);
        long used = total.find() ? Long.parseLong(total.group(1)) : -1;
        long committed = -1;
        Matcher m = HEAP_LINE.matcher(info);
        while (m.find()) {
            committed = Math.max(committed, 0) + Long.parseLong(m.group(2)) * 1024;
        }
        return new HeapAfterGc(used, committed, resident(pid));
    }

    private static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: left out
        }
        return -1;
    }

    String describe() {
        return BenchmarkReport.mib(usedBytes) + " used of " + BenchmarkReport.mib(committedBytes) + " committed; process resident "
                + BenchmarkReport.mib(residentBytes);
    }
}
