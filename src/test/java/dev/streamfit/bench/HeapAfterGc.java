package dev.streamfit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamfit.support.RedisServer;

/**
 * The live heap of another JVM: {@code jcmd <pid> GC.run} (a full GC), then the used and committed
 * heap of {@code jcmd <pid> GC.heap_info}; with the process's resident memory, which is what a pod's
 * memory limit holds against. -1 where a figure could not be read.
 */
record HeapAfterGc(long usedBytes, long committedBytes, long residentBytes) {

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
        Machine.commandOutput(List.of(jcmd, String.valueOf(pid), "GC.run"), 120);
        String info = Machine.commandOutput(List.of(jcmd, String.valueOf(pid), "GC.heap_info"), 60);
        long used = -1;
        long committed = -1;
        Matcher m = HEAP_LINE.matcher(info);
        while (m.find()) {
            committed = Math.max(committed, 0) + Long.parseLong(m.group(2)) * 1024;
            used = Math.max(used, 0) + Long.parseLong(m.group(3)) * 1024;
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
