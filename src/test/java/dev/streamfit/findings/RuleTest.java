package dev.streamfit.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.streamfit.poll.CollectionProblem;
import dev.streamfit.poll.SystemKind;

/**
 * The rule catalogue is the one place a rule id is written: every id is unique and well formed,
 * every constant points at the method that implements it, and no other source file spells an id.
 */
class RuleTest {

    private static final Path MAIN = Path.of("src/main/java/dev/streamfit");

    @Test
    void idsAreUniqueStableNamesAndEachSaysWhatItMeans() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : Rule.values()) {
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertTrue(rule.id().matches("(target|redis|kafka|verdict)(\\.[a-z]+(-[a-z]+)*)+"), rule.id());
            assertFalse(rule.meaning().isBlank(), rule.id());
            assertSame(rule, Rule.byId(rule.id()));
            assertEquals(rule.id(), rule.toString(), "string concatenation shows the id");
        }
    }

    @Test
    void everyCollectionProblemACollectorReportsHasItsRule() {
        for (CollectionProblem.Kind kind : CollectionProblem.Kind.values()) {
            assertTrue(Rule.forProblem(SystemKind.REDIS, kind).id().startsWith("redis."), kind.name());
        }
        assertSame(Rule.KAFKA_PERMISSION_DENIED, Rule.forProblem(SystemKind.KAFKA, CollectionProblem.Kind.DENIED));
        assertSame(Rule.KAFKA_CALL_FAILED, Rule.forProblem(SystemKind.KAFKA, CollectionProblem.Kind.FAILED));
    }

    @Test
    void everyConstantNamesTheMethodThatImplementsIt() throws IOException {
        String source = Files.readString(MAIN.resolve("findings/Rule.java"));
        for (Rule rule : Rule.values()) {
            Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*" + rule.name() + "\\(", Pattern.DOTALL).matcher(source);
            assertTrue(m.find(), rule.name() + " has no Javadoc");
            assertTrue(m.group(1).contains("#"), rule.name() + "'s Javadoc names no method: " + m.group(1).trim());
        }
    }

    @Test
    void noOtherSourceFileSpellsARuleId() {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(Path.of("findings/Rule.java"))).forEach(f -> {
                String text = read(f);
                for (Rule rule : Rule.values()) {
                    if (text.contains("\"" + rule.id() + "\"")) {
                        offenders.add(MAIN.relativize(f) + ": \"" + rule.id() + "\"");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), offenders, "name rules by their Rule constant");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
