package dev.streamfit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.streamfit.support.KafkaFixtures;
import dev.streamfit.support.KafkaFixtures.GroupCommandRow;
import dev.streamfit.support.ServerLogs;

/**
 * Kafka's own {@code kafka-consumer-groups --describe --all-groups}, the tool StreamFit is compared
 * with on Kafka: ConsumerGroupCommand from the kafka-tools test dependency, each run a new JVM started
 * the way {@code bin/kafka-run-class.sh} starts it, timed from the JVM's start to its exit with all of
 * its output read — what an operator waits for.
 */
final class ConsumerGroupsCommand {

    static final String MAIN_CLASS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    /** What kafka-run-class.sh puts before the class when KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS are unset. */
    static final List<String> KAFKA_RUN_CLASS_JVM_OPTIONS = List.of("-Xmx256M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true");
    private static final long TIMEOUT_MINUTES = 10;

    /** One run: its time and the rows it printed. */
    record Run(double millis, List<GroupCommandRow> rows) {
    }

    private ConsumerGroupsCommand() {
    }

    /** The command as the report shows it. */
    static String describe() {
        return "`kafka-consumer-groups --bootstrap-server <broker> --describe --all-groups` (`" + MAIN_CLASS + "` in a new JVM with "
                + "kafka-run-class.sh's default options `" + String.join(" ", KAFKA_RUN_CLASS_JVM_OPTIONS) + "`)";
    }

    static Run describeAllGroups(String bootstrapServers) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(KAFKA_RUN_CLASS_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "--bootstrap-server", bootstrapServers,
                "--describe", "--all-groups"));
        Path stderr = ServerLogs.logFile("kafka-consumer-groups.log");
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kafka-consumer-groups did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            double millis = (System.nanoTime() - start) / 1e6;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kafka-consumer-groups exited with " + process.exitValue() + "; its stderr is in " + stderr);
            }
            return new Run(millis, KafkaFixtures.parseDescribe(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
