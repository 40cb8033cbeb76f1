package dev.streamfit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Facts about the machine a benchmark ran on, for its report: figures from a 2-core box mean little without them. */
final class Machine {

    private Machine() {
    }

    /** "2 CPUs (AMD EPYC), 23.5 GiB RAM; Java 17.0.15 (OpenJDK 64-Bit Server VM)". */
    static String describe() {
        return nproc() + " CPUs (" + cpuModel() + "), " + totalRam() + " RAM; Java " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** The 1, 5 and 15 minute load averages as "1.38/2.15/2.16". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String nproc() {
        String out = commandOutput(List.of("nproc"), 10).strip();
        return out.matches("\\d+") ? out : String.valueOf(Runtime.getRuntime().availableProcessors());
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown CPU";
    }

    static String totalRam() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return "unknown";
    }

    /** The command's standard output and error together, waiting up to the timeout for it to end; "" if it cannot start. */
    static String commandOutput(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
