package dev.streamfit.history;

import java.time.Duration;

/**
 * The history of one workload over {@code streamfit.advisor.window}: the last poll of each time
 * bucket, oldest first, each sample a time and a fixed number of exact {@code long} values.
 *
 * <p>The window is divided into {@link Layout#buckets() buckets} of equal length, aligned to the
 * epoch (so every ring of a target keeps the same polls). A sample replaces the one already in its
 * bucket: each bucket holds the last poll that fell into it, and the newest sample is always the
 * latest poll. Samples older than the window are dropped when the next one is added. So the ring
 * spans the whole window at any poll interval: faster polls only replace more often. Where the
 * layout names a position (an offset, a last-delivered-id), a poll that moves it back is kept with
 * the poll before it, even within one bucket: every rewind between two polls shows.
 *
 * <p>Storage is compact because there are tens of thousands of rings: a time is an {@code int} of
 * milliseconds after the ring's base time, a value an offset from its column's base in 16 bits while
 * every value the ring holds is within 32,767 of its column's smallest (a quiet workload: a lag that
 * stays small, a capped length, a position that does not move), else in 32 bits. When an offset does
 * not fit, the column's base moves to the smallest value held; only when that is not enough does the
 * ring widen — to {@code int}s, and to absolute {@code long}s when the values held in one column span
 * more than an {@code int} — and it narrows again once the samples that needed the width expired. The
 * arrays grow as samples arrive, so a workload seen once costs a few slots, not a window's worth.
 */
public final class SampleRing {

    /** A value not known at that poll. Never a real value: offsets, counts, IDs and bytes are far from it. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /**
     * Buckets per window: one a minute at the default 1 h window. The ring then spans at least the
     * window less one bucket and one poll interval (measured with ±20 % jitter: ≥ 98 % at 1 s and 15 s
     * polls, ≥ 97 % at 60 s); peak rates are per-minute rates (as Prometheus' customary
     * {@code rate(...[1m])}); a committed offset that stopped moving is seen within a minute of the 5 min
     * stop-after; slopes rest on 60 points. Twice as many buckets would double the history's heap
     * (a full 3-column ring takes 1,104 bytes, a Kafka group-partition's 848) for 30 s rates.
     */
    public static final int BUCKETS_PER_WINDOW = 60;

    /**
     * The widths a ring stores its values in: offsets from their column's base in 16 or 32 bits, or
     * absolute values in 64. The least value of each narrow width means unknown; {@link #fits} never
     * produces it as an offset.
     */
    private static final int SHORT = 0, INT = 1, LONG = 2;

    /** Slots of a new ring: a workload seen once or twice stays small; the arrays double from here. */
    private static final int FIRST_CAPACITY = 4;

    /** Times are int milliseconds from the ring's base, so a ring spans at most this long. */
    public static final Duration MAX_WINDOW = Duration.ofDays(24);

    /** What every ring of one kind shares (columns, window, buckets, position): one instance per kind, not per ring. */
    public static final class Layout {
        private final int columns;
        private final long windowMillis;
        private final long bucketMillis;
        private final int buckets;
        private final int[] positionColumns;

        public Layout(int columns, Duration window) {
            this(columns, window, BUCKETS_PER_WINDOW);
        }

        public Layout(int columns, Duration window, int buckets) {
            if (columns < 1 || buckets < 1 || window.toMillis() < buckets || window.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("a ring needs at least one column and one bucket of at least 1 ms, and a window of at most "
                        + MAX_WINDOW.toDays() + " days: " + columns + " columns, " + buckets + " buckets, window " + window);
            }
            this.columns = columns;
            this.windowMillis = window.toMillis();
            // Rounded up, so that buckets × bucket length covers the window.
            this.bucketMillis = (windowMillis + buckets - 1) / buckets;
            this.buckets = buckets;
            this.positionColumns = new int[0];
        }

        private Layout(Layout layout, int[] positionColumns) {
            this.columns = layout.columns;
            this.windowMillis = layout.windowMillis;
            this.bucketMillis = layout.bucketMillis;
            this.buckets = layout.buckets;
            this.positionColumns = positionColumns;
        }

        /**
         * The same layout where the given columns, compared in that order, are a position that moves
         * forward (a committed offset; a last-delivered-id's ms and seq). A poll that moves it back
         * is kept with the poll before it, even within one bucket, so the history shows every rewind
         * between two polls (SPEC: change detection compares each poll with the previous one).
         */
        public Layout withPosition(int... positionColumns) {
            for (int column : positionColumns) {
                if (column < 0 || column >= columns) {
                    throw new IllegalArgumentException("position column " + column + " of a ring of " + columns + " columns");
                }
            }
            return new Layout(this, positionColumns.clone());
        }

        public int columns() {
            return columns;
        }

        public long windowMillis() {
            return windowMillis;
        }

        public long bucketMillis() {
            return bucketMillis;
        }

        public int buckets() {
            return buckets;
        }

        /**
         * The samples one per bucket can leave in the window: they lie in at most {@code buckets + 1}
         * buckets, the first of them cut by the window's start. Expiry, not capacity, decides what goes.
         */
        int bucketSamples() {
            return buckets + 1;
        }

        /**
         * The most samples a ring holds. A move back of the position keeps up to two more samples
         * (both sides of it); room for half as many moves as buckets, after which the oldest samples
         * give way. Only a ring that sees such moves grows past {@link #bucketSamples()}.
         */
        int maxSamples() {
            return positionColumns.length == 0 ? bucketSamples() : 2 * bucketSamples();
        }

        long bucketOf(long timeMillis) {
            return Math.floorDiv(timeMillis, bucketMillis);
        }
    }

    private final Layout layout;
    /** Epoch milliseconds that {@link #times} count from. */
    private long timeBase;
    /** Per slot: milliseconds after {@link #timeBase}. Slots are used circularly from {@link #start}. */
    private int[] times;
    /** Per column: what the narrow values of that column are offsets from. */
    private final long[] columnBases;
    /** {@link #SHORT}, {@link #INT} or {@link #LONG}: which one of the three arrays below holds the cells. */
    private int width;
    /**
     * Per slot and column ({@code slot * columns + column}): the offset from the column's base, in the
     * narrowest width that holds every value the ring has; null unless that is the width.
     */
    private short[] shortCells;
    private int[] intCells;
    /** The cells as absolute values, {@link #UNKNOWN} where unknown; null unless some column spans more than an int. */
    private long[] longCells;
    private int start;
    private int size;

    public SampleRing(Layout layout) {
        this.layout = layout;
        int capacity = Math.min(FIRST_CAPACITY, layout.bucketSamples());
        this.times = new int[capacity];
        this.shortCells = new short[capacity * layout.columns];
        this.width = SHORT;
        this.columnBases = new long[layout.columns];
    }

    /**
     * Records a poll: its values ({@link #UNKNOWN} where unknown) replace the sample in the same bucket,
     * or start a new one; samples older than the window before {@code timeMillis} are dropped.
     */
    public synchronized void add(long timeMillis, long... values) {
        if (values.length != layout.columns) {
            throw new IllegalArgumentException("sample of " + values.length + " values in a ring of " + layout.columns + " columns");
        }
        // The wall clock was set back: what was recorded after this time did not happen before this poll.
        while (size > 0 && time(size - 1) > timeMillis) {
            size--;
        }
        expireBefore(timeMillis - layout.windowMillis);
        int slot;
        if (size > 0 && layout.bucketOf(time(size - 1)) == layout.bucketOf(timeMillis) && !newestStays(values)) {
            slot = slot(size - 1);
        } else {
            if (size == times.length && times.length < layout.maxSamples()) {
                grow();
            } else if (size == times.length) {
                dropOldest();
            }
            slot = slot(size++);
        }
        storeTime(slot, timeMillis);
        // Cleared first, so that a column moving its base does not count the values this sample replaces.
        for (int column = 0; column < layout.columns; column++) {
            store(slot, column, UNKNOWN);
        }
        for (int column = 0; column < layout.columns; column++) {
            store(slot, column, values[column]);
        }
    }

    public synchronized int size() {
        return size;
    }

    /** Bytes each value takes now: 2, 4 or 8 (what the heap figures rest on). */
    synchronized int bytesPerValue() {
        return width == SHORT ? 2 : width == INT ? 4 : 8;
    }

    /** Milliseconds from the oldest to the newest sample: how much of the window the history backs. */
    public synchronized long observedMillis() {
        return size < 2 ? 0 : time(size - 1) - time(0);
    }

    /** A copy of the samples, oldest first, to keep or to read on another thread. */
    public synchronized Samples samples() {
        int columns = layout.columns;
        long[] sampleTimes = new long[size];
        long[] sampleValues = new long[size * columns];
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            sampleTimes[i] = timeBase + times[slot];
            for (int column = 0; column < columns; column++) {
                sampleValues[i * columns + column] = value(slot, column);
            }
        }
        return new Copy(columns, sampleTimes, sampleValues);
    }

    /**
     * What {@code reader} computes from the samples read in place, under the ring's lock: no copy.
     * The reader must not keep the {@link Samples} it is given (they change with the next poll);
     * whatever must outlive the call comes from {@link #samples()}.
     */
    public synchronized <R> R read(java.util.function.Function<? super Samples, ? extends R> reader) {
        return reader.apply(new InPlace());
    }

    /** The unknown sentinel for a value the poll did not get. */
    public static long valueOf(Long value) {
        return value == null ? UNKNOWN : value;
    }

    private void expireBefore(long cutoffMillis) {
        int dropped = 0;
        while (size > 0 && time(0) < cutoffMillis) {
            dropOldest();
            dropped++;
        }
        // Narrower again once what needed the width has expired: checked when wide, and once per
        // turn of the slots when int (a group that stopped moving returns to 16 bits within a window).
        if (dropped > 0 && (width == LONG || width == INT && start == 0)) {
            narrowIfItFits();
        }
    }

    private void dropOldest() {
        start = (start + 1) % times.length;
        size--;
    }

    /**
     * Whether the newest sample stays although the poll falls into its bucket: the poll moves the
     * position back from it, or it is itself the poll after such a move. Both sides of every move back
     * stay in the history, however many polls a bucket gets.
     */
    private boolean newestStays(long[] values) {
        if (layout.positionColumns.length == 0) {
            return false;
        }
        return movedBack(size - 1, values) || size > 1 && movedBack(size - 2, valuesOf(size - 1));
    }

    /** Whether {@code later} lies before sample {@code earlier} in the position; an unknown part compares as no move. */
    private boolean movedBack(int earlier, long[] later) {
        int slot = slot(earlier);
        for (int column : layout.positionColumns) {
            long from = value(slot, column);
            long to = later[column];
            if (from == UNKNOWN || to == UNKNOWN) {
                return false;
            }
            if (to != from) {
                return to < from;
            }
        }
        return false;
    }

    private long[] valuesOf(int sample) {
        long[] values = new long[layout.columns];
        for (int column = 0; column < values.length; column++) {
            values[column] = value(slot(sample), column);
        }
        return values;
    }

    private int slot(int sample) {
        return (start + sample) % times.length;
    }

    private long time(int sample) {
        return timeBase + times[slot(sample)];
    }

    private void storeTime(int slot, long timeMillis) {
        if (size == 1) {
            timeBase = timeMillis;
        } else if (timeMillis - timeBase > Integer.MAX_VALUE) {
            // After months of polls: count from the oldest sample, which is within the window (under MAX_WINDOW).
            long oldest = time(0);
            for (int i = 0; i < size; i++) {
                times[slot(i)] -= (int) (oldest - timeBase);
            }
            timeBase = oldest;
        }
        times[slot] = (int) (timeMillis - timeBase);
    }

    /**
     * Doubles the slots, oldest sample first again: up to one per bucket first, so that a full ring
     * without moves back has no spare slot, then up to the layout's maximum.
     */
    private void grow() {
        int limit = times.length < layout.bucketSamples() ? layout.bucketSamples() : layout.maxSamples();
        int capacity = Math.min(times.length * 2, limit);
        int columns = layout.columns;
        int[] grownTimes = new int[capacity];
        Object cells = cells();
        Object grown = switch (width) {
            case SHORT -> new short[capacity * columns];
            case INT -> new int[capacity * columns];
            default -> new long[capacity * columns];
        };
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            grownTimes[i] = times[slot];
            System.arraycopy(cells, slot * columns, grown, i * columns, columns);
        }
        times = grownTimes;
        setCells(grown);
        start = 0;
    }

    private long value(int slot, int column) {
        int cell = slot * layout.columns + column;
        switch (width) {
            case SHORT -> {
                short offset = shortCells[cell];
                return offset == Short.MIN_VALUE ? UNKNOWN : columnBases[column] + offset;
            }
            case INT -> {
                int offset = intCells[cell];
                return offset == Integer.MIN_VALUE ? UNKNOWN : columnBases[column] + offset;
            }
            default -> {
                return longCells[cell];
            }
        }
    }

    private void store(int slot, int column, long value) {
        int cell = slot * layout.columns + column;
        if (width == LONG) {
            longCells[cell] = value;
        } else if (value == UNKNOWN) {
            setOffset(cell, width == SHORT ? Short.MIN_VALUE : Integer.MIN_VALUE);
        } else if (fits(value, columnBases[column], width) || rebase(column, value)) {
            setOffset(cell, value - columnBases[column]);
        } else {
            // Not even from the column's smallest value: the next width holds it.
            convertTo(width + 1, columnBases.clone());
            store(slot, column, value);
        }
    }

    private void setOffset(int cell, long offset) {
        if (width == SHORT) {
            shortCells[cell] = (short) offset;
        } else {
            intCells[cell] = (int) offset;
        }
    }

    /** Whether {@code value - base} is an offset of the narrow width other than its unknown, without overflowing a long. */
    private static boolean fits(long value, long base, int width) {
        long offset = value - base;
        boolean overflowed = ((value ^ base) & (value ^ offset)) < 0;
        if (overflowed || width == LONG) {
            return !overflowed;
        }
        return width == SHORT ? offset > Short.MIN_VALUE && offset <= Short.MAX_VALUE : offset > Integer.MIN_VALUE && offset <= Integer.MAX_VALUE;
    }

    /** The smallest and largest known value of one column. */
    private record Range(long smallest, long largest) {
        boolean fits(int width) {
            return SampleRing.fits(largest, smallest, width);
        }
    }

    /** The range of a column's known values held by the ring, with {@code extra} (or UNKNOWN); null when none is known. */
    private Range range(int column, long extra) {
        long smallest = extra;
        long largest = extra;
        for (int i = 0; i < size; i++) {
            long v = value(slot(i), column);
            if (v != UNKNOWN) {
                smallest = smallest == UNKNOWN ? v : Math.min(smallest, v);
                largest = largest == UNKNOWN ? v : Math.max(largest, v);
            }
        }
        return smallest == UNKNOWN ? null : new Range(smallest, largest);
    }

    /** Moves a column's base to the smallest value held (counting {@code value}) if then every offset fits the width. */
    private boolean rebase(int column, long value) {
        Range range = range(column, value);
        if (!range.fits(width)) {
            return false;
        }
        long smallest = range.smallest();
        for (int i = 0; i < size; i++) {
            int cell = slot(i) * layout.columns + column;
            long held = value(slot(i), column);
            if (held != UNKNOWN) {
                setOffset(cell, held - smallest);
            }
        }
        columnBases[column] = smallest;
        return true;
    }

    /** To the narrowest width that holds every value held, once the samples that needed a wider one expired. */
    private void narrowIfItFits() {
        int columns = layout.columns;
        long[] bases = new long[columns];
        int narrowest = SHORT;
        for (int column = 0; column < columns; column++) {
            Range range = range(column, UNKNOWN);
            while (narrowest < LONG && range != null && !range.fits(narrowest)) {
                narrowest++;
            }
            if (narrowest == LONG) {
                return;
            }
            bases[column] = range == null ? 0 : range.smallest();
        }
        if (narrowest < width) {
            convertTo(narrowest, bases);
        }
    }

    /** Rewrites every cell in {@code newWidth}, offsets from {@code bases}; every value held fits it. */
    private void convertTo(int newWidth, long[] bases) {
        int columns = layout.columns;
        int cells = times.length * columns;
        long[] values = new long[cells];
        for (int cell = 0; cell < cells; cell++) {
            values[cell] = value(cell / columns, cell % columns);
        }
        width = newWidth;
        System.arraycopy(bases, 0, columnBases, 0, columns);
        shortCells = null;
        intCells = null;
        longCells = null;
        switch (newWidth) {
            case SHORT -> shortCells = new short[cells];
            case INT -> intCells = new int[cells];
            default -> longCells = new long[cells];
        }
        for (int cell = 0; cell < cells; cell++) {
            long v = values[cell];
            // Cells of free slots may hold anything: only the ones in use must come out right.
            if (newWidth == LONG) {
                longCells[cell] = v;
            } else {
                setOffset(cell, v == UNKNOWN || !fits(v, bases[cell % columns], newWidth) ? (newWidth == SHORT ? Short.MIN_VALUE : Integer.MIN_VALUE)
                        : v - bases[cell % columns]);
            }
        }
    }

    private Object cells() {
        return width == SHORT ? shortCells : width == INT ? intCells : longCells;
    }

    private void setCells(Object cells) {
        switch (width) {
            case SHORT -> shortCells = (short[]) cells;
            case INT -> intCells = (int[]) cells;
            default -> longCells = (long[]) cells;
        }
    }

    /**
     * A ring's samples, oldest first: {@link #exact} and {@link #known} give the values as recorded.
     * Either a copy ({@link SampleRing#samples()}, for a reader that keeps it or runs on another
     * thread) or the ring itself, read in place within {@link SampleRing#read} (what evaluation uses:
     * 95,000 rings copied several times per poll made most of the service's garbage).
     */
    public interface Samples {

        int size();

        /** Epoch milliseconds of the sample. */
        long time(int sample);

        /** The value as recorded; {@link SampleRing#UNKNOWN} when unknown. */
        long exact(int sample, int column);

        int columns();

        default boolean known(int sample, int column) {
            return exact(sample, column) != UNKNOWN;
        }

        /** Milliseconds from the oldest to the newest sample. */
        default long observedMillis() {
            return size() < 2 ? 0 : time(size() - 1) - time(0);
        }

        /** Epoch milliseconds of each sample, as a new array. */
        default long[] times() {
            long[] times = new long[size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = time(i);
            }
            return times;
        }

        /**
         * Per sample its values as doubles, NaN where unknown, as new arrays: exact up to 2^53, beyond
         * that rounded, so comparisons of offsets and IDs belong on {@link #exact}.
         */
        default double[][] values() {
            double[][] result = new double[size()][columns()];
            for (int i = 0; i < result.length; i++) {
                for (int column = 0; column < result[i].length; column++) {
                    result[i][column] = known(i, column) ? exact(i, column) : Double.NaN;
                }
            }
            return result;
        }

        /** Samples from arrays: {@code values[sample * columns + column]}. */
        static Samples of(int columns, long[] times, long[] values) {
            return new Copy(columns, times.clone(), values.clone());
        }
    }

    /** Samples copied out of a ring: immutable, readable anywhere. */
    private record Copy(int columns, long[] sampleTimes, long[] sampleValues) implements Samples {

        @Override
        public int size() {
            return sampleTimes.length;
        }

        @Override
        public long time(int sample) {
            return sampleTimes[sample];
        }

        @Override
        public long exact(int sample, int column) {
            return sampleValues[sample * columns + column];
        }
    }

    /**
     * The ring read in place, without a copy: valid only inside {@link SampleRing#read}, which holds
     * the ring's lock, so no poll changes it meanwhile.
     */
    private final class InPlace implements Samples {

        @Override
        public int size() {
            return size;
        }

        @Override
        public long time(int sample) {
            return SampleRing.this.time(sample);
        }

        @Override
        public long exact(int sample, int column) {
            return value(slot(sample), column);
        }

        @Override
        public int columns() {
            return layout.columns;
        }
    }
}
