package dev.streamfit.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * src/main/docker/Dockerfile.jvm against what `package` leaves in target/quarkus-app and what the
 * chart expects of the image. No container engine runs here, so the image itself is never built:
 * this checks what can be checked without one.
 */
class DockerfileIT {

    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    @Test
    void everyPathItCopiesExistsAfterPackageAndTheEntrypointRunsTheCopiedJar() throws IOException {
        List<String> copied = new ArrayList<>();
        for (List<String> copy : instructions("COPY")) {
            List<String> args = copy.stream().filter(a -> !a.startsWith("--")).toList();
            String source = args.get(0);
            String destination = args.get(args.size() - 1);
            List<Path> matches = matching(source);
            assertFalse(matches.isEmpty(), "COPY " + source + ": nothing there after ./mvnw package");
            for (Path match : matches) {
                copied.add(destination + (Files.isDirectory(match) ? "" : match.getFileName()));
            }
        }
        String entrypoint = String.join(" ", instructions("ENTRYPOINT").get(0));
        String jar = entrypoint.replaceAll(".*-jar (\\S+?)[\"\\]].*", "$1");
        assertTrue(copied.contains(jar), "the ENTRYPOINT runs " + jar + ", which no COPY brings: " + copied);
        assertTrue(entrypoint.contains("${JAVA_OPTS}"), "JAVA_OPTS, which the chart sets, reach the JVM: " + entrypoint);
    }

    @Test
    void itRunsAsTheNonRootUserAndPortTheChartExpects() {
        JsonNode values = RenderedChart.readYaml(RenderedChart.CHART.resolve("values.yaml"));
        List<List<String>> users = instructions("USER");
        String user = users.get(users.size() - 1).get(0);
        assertTrue(user.matches("[1-9][0-9]*"), "a numeric non-root user, which runAsNonRoot can check: " + user);
        assertEquals(values.path("podSecurityContext").path("runAsUser").asText(), user);
        int containerPort = RenderedChart.defaults().container().path("ports").get(0).path("containerPort").asInt();
        assertEquals(List.of(String.valueOf(containerPort)), instructions("EXPOSE").get(0));
    }

    /** The arguments of each instruction of that name, in order. */
    private static List<List<String>> instructions(String name) {
        try {
            return Files.readAllLines(DOCKERFILE).stream().map(String::trim)
                    .filter(line -> line.startsWith(name + " "))
                    .map(line -> List.of(line.substring(name.length()).trim().split("\\s+"))).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a COPY source (relative to the build context, the repository root; * in the file name) matches. */
    private static List<Path> matching(String source) throws IOException {
        Path path = Path.of(source);
        if (!source.contains("*")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
        try (Stream<Path> files = Files.list(path.getParent())) {
            return files.filter(f -> glob.matches(f.getFileName())).toList();
        }
    }
}
