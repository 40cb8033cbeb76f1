package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as an operator
 * starts it: {@code java -jar}, a config file in QUARKUS_CONFIG_LOCATIONS, environment variables.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path config;
    private final Path log;
    private final int port;

    public PackagedApp(String configFileText, Map<String, String> environment) {
        this(configFileText, environment, "256m");
    }

    /** With the heap limit an operator would give it ({@code -Xmx}, e.g. "512m" for a 512 MiB pod). */
    public PackagedApp(String configFileText, Map<String, String> environment, String maxHeap) {
        this(configFileText, ".properties", environment, maxHeap);
    }

    /** With a config file of another format, by its suffix: ".yaml" for the Helm chart's application.yaml. */
    public PackagedApp(String configFileText, String configFileSuffix, Map<String, String> environment, String maxHeap) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw verify, which packages before the *IT tests");
        }
        this.port = FreePorts.next();
        this.log = ServerLogs.logFile("app-" + port + ".log");
        try {
            this.config = Files.createTempFile("streamfit-", configFileSuffix);
            Files.writeString(config, configFileText);
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx" + maxHeap, "-jar", JAR.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().putAll(environment);
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The app's JVM, for jcmd. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code once the process ended within the timeout, or -1 if it still runs. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 15);
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            // a leftover temp file does not fail a test run
        }
    }
}
