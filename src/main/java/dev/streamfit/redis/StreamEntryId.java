package dev.streamfit.redis;

/**
 * A Redis stream entry ID {@code <ms>-<seq>}, compared numerically as Redis compares them.
 * The ms part is the producer's clock only when IDs are auto-generated ({@code XADD key *}).
 */
public record StreamEntryId(long millis, long sequence) implements Comparable<StreamEntryId> {

    public static final StreamEntryId ZERO = new StreamEntryId(0, 0);

    /** 2000-01-01: an ID whose ms part is earlier than this was not generated from a clock. */
    private static final long EARLIEST_CLOCK_MILLIS = 946_684_800_000L;

    public static StreamEntryId parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return new StreamEntryId(Long.parseUnsignedLong(text), 0);
        }
        return new StreamEntryId(Long.parseUnsignedLong(text.substring(0, dash)), Long.parseUnsignedLong(text.substring(dash + 1)));
    }

    /** Parses, or null for a missing value. */
    public static StreamEntryId parseOrNull(String text) {
        return text == null || text.isEmpty() ? null : parse(text);
    }

    public boolean isBefore(StreamEntryId other) {
        return compareTo(other) < 0;
    }

    /**
     * Age in seconds at {@code nowMillis} when the ms part looks like a wall-clock time
     * (not before 2000, not more than a day ahead); null when the IDs are not time-based.
     */
    public Double ageSecondsAt(long nowMillis) {
        if (millis < EARLIEST_CLOCK_MILLIS || millis > nowMillis + 86_400_000L) {
            return null;
        }
        return Math.max(0, nowMillis - millis) / 1000.0;
    }

    @Override
    public int compareTo(StreamEntryId other) {
        int byMillis = Long.compareUnsigned(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
}
