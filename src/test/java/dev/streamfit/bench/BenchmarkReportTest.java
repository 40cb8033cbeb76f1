package dev.streamfit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark run rewrites its own section of docs/benchmarks.md and nothing else. */
class BenchmarkReportTest {

    @TempDir
    Path dir;

    @Test
    void replacesItsSectionAndRemovesTheOneItSupersedesLeavingTheOthers() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Old Redis\n\nold figures\n\n### detail\n\nmore\n\n## Kafka\n\nkafka figures\n");
        BenchmarkReport.writeSection(file, "## New Redis", "## New Redis\n\nnew figures\n", "## Old Redis");
        assertEquals("# Benchmarks\n\n## Kafka\n\nkafka figures\n\n## New Redis\n\nnew figures\n", Files.readString(file));

        BenchmarkReport.writeSection(file, "## New Redis", "## New Redis\n\nnewer figures\n", "## Old Redis");
        assertEquals("# Benchmarks\n\n## Kafka\n\nkafka figures\n\n## New Redis\n\nnewer figures\n", Files.readString(file));
    }

    @Test
    void createsTheFileWhenThereIsNone() throws Exception {
        Path file = dir.resolve("new/benchmarks.md");
        BenchmarkReport.writeSection(file, "## Redis", "## Redis\n\nfigures\n");
        assertEquals("# Benchmarks\n\n## Redis\n\nfigures\n", Files.readString(file));
    }
}
