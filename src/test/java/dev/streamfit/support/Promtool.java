package dev.streamfit.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own tool, from the Debian package {@code prometheus} (which {@code scripts/test}
 * installs): it lints metrics, parses rule files (and with them any PromQL expression) and runs
 * rule unit tests.
 */
public final class Promtool {

    private static final Path BINARY = Path.of("/usr/bin/promtool");

    /** What promtool printed and how it exited. */
    public record Result(int exitCode, String output) {

        public boolean passed() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    /** {@code promtool check metrics}, the metrics text on its standard input. */
    public static Result checkMetrics(String metricsText) {
        return run(metricsText, "check", "metrics");
    }

    /** {@code promtool check rules}: the files parse, every expression is valid PromQL. */
    public static Result checkRules(Path... ruleFiles) {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        for (Path file : ruleFiles) {
            args.add(file.toString());
        }
        return run(null, args.toArray(String[]::new));
    }

    /** {@code promtool test rules}: the rule unit tests of the file (which names its rule files). */
    public static Result testRules(Path testFile) {
        return run(null, "test", "rules", testFile.toString());
    }

    private static Result run(String stdin, String... args) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package 'prometheus' (scripts/test does)");
        }
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
