package dev.streamfit.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;

/**
 * A workload named in a request path, {@code /api/v1/workloads/{system}/{target}/{name}[/history]},
 * read from the raw path, each segment percent-decoded on its own. Names may hold any character, a
 * slash included ({@code %2F}); the server decodes a path before it matches it to a resource, where
 * {@code a%2Fb} and {@code a/b} look the same — the raw path still tells them apart.
 *
 * @param history whether the path asks for the workload's history
 */
record WorkloadPath(TargetId target, String name, boolean history) {

    static final String PREFIX = "/api/v1/workloads/";
    static final String HISTORY = "history";

    /** Empty when the path does not name a system, a target and a workload (or names an unknown system). */
    static Optional<WorkloadPath> parse(String rawPath) {
        int start = rawPath.indexOf(PREFIX);
        if (start < 0) {
            return Optional.empty();
        }
        String[] segments = rawPath.substring(start + PREFIX.length()).split("/", -1);
        boolean history = segments.length == 4 && HISTORY.equals(segments[3]);
        if (segments.length != 3 && !history) {
            return Optional.empty();
        }
        String system = decode(segments[0]);
        return Arrays.stream(SystemKind.values()).filter(s -> s.label().equals(system)).findFirst()
                .map(kind -> new WorkloadPath(new TargetId(kind, decode(segments[1])), decode(segments[2]), history));
    }

    /** Percent-decoding of a path segment, where a '+' is a plus (URLDecoder would make it a space). */
    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
