package dev.streamfit.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service's own log says about a run: Vert.x's BlockedThreadChecker warnings ("Thread
 * vert.x-eventloop-thread-1 has been blocked for 2614 ms"), targets reported down, and errors.
 */
record ServiceLog(int blockedWarnings, long longestBlockMillis, String firstBlocked, int downLines, String firstDown,
        int errorLines, String firstError) {

    static final String BLOCKED = "has been blocked for";
    private static final Pattern BLOCKED_MILLIS = Pattern.compile("has been blocked for (\\d+) ms");

    static ServiceLog scan(String output) {
        int blocked = 0;
        long longest = 0;
        String firstBlocked = null;
        int down = 0;
        String firstDown = null;
        int errors = 0;
        String firstError = null;
        for (String line : output.split("\n")) {
            if (line.contains(BLOCKED)) {
                blocked++;
                firstBlocked = firstBlocked == null ? line.strip() : firstBlocked;
                Matcher m = BLOCKED_MILLIS.matcher(line);
                if (m.find()) {
                    longest = Math.max(longest, Long.parseLong(m.group(1)));
                }
            }
            if (line.contains(" is down: ")) {
                down++;
                firstDown = firstDown == null ? line.strip() : firstDown;
            }
            if (line.contains(" ERROR ")) {
                errors++;
                firstError = firstError == null ? line.strip() : firstError;
            }
        }
        return new ServiceLog(blocked, longest, firstBlocked, down, firstDown, errors, firstError);
    }
}
