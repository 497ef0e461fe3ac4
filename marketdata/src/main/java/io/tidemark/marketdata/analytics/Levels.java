package io.tidemark.marketdata.analytics;

/**
 * The levels of one complete period of one pair, all prices in ticks: OHLC, classic pivots,
 * Fibonacci retracements and the volume profile with its point of control and 70 % value area.
 * Derived prices are rounded half up to the tick. Built on a query (not on the event path).
 */
public final class Levels {
    /** A profile has at most about this many rows: the row size is the smallest 1-2-5 multiple of the bin that fits. */
    public static final int TARGET_ROWS = 50;

    public final PeriodKind period;
    public final long periodStart;
    public final long periodEnd;
    /** False when the period had no trades: every other field is then meaningless (null on the API). */
    public final boolean hasTrades;
    public long open;
    public long high;
    public long low;
    public long close;
    public long pivot;
    public long r1;
    public long r2;
    public long r3;
    public long s1;
    public long s2;
    public long s3;
    public long fib236;
    public long fib382;
    public long fib500;
    public long fib618;
    public long fib786;
    public long rowTicks;
    /** Low of the first (lowest) row; row i starts at {@code firstRowLow + i × rowTicks}. */
    public long firstRowLow;
    /** Lots per row, lowest row first (rows without trades included, as 0). */
    public long[] rowVolumes;
    public long poc;
    public long val;
    public long vah;

    Levels(final PeriodKind period, final long periodStart, final boolean hasTrades) {
        this.period = period;
        this.periodStart = periodStart;
        this.periodEnd = periodStart + period.lengthNanos();
        this.hasTrades = hasTrades;
    }

    /** The levels of {@code profile}, a complete period on a grid of {@code binTicks}. */
    static Levels of(final PeriodKind kind, final long periodStart, final PeriodProfile profile, final long binTicks) {
        final Levels levels = new Levels(kind, periodStart, profile != null && profile.hasTrades);
        if (!levels.hasTrades) {
            return levels;
        }
        final long h = profile.high;
        final long l = profile.low;
        final long c = profile.close;
        levels.open = profile.open;
        levels.high = h;
        levels.low = l;
        levels.close = c;
        final long sum = h + l + c; // P = sum / 3, kept exact until each result is rounded
        levels.pivot = PriceGrid.roundHalfUp(sum, 3);
        levels.r1 = PriceGrid.roundHalfUp(2 * sum - 3 * l, 3);
        levels.s1 = PriceGrid.roundHalfUp(2 * sum - 3 * h, 3);
        levels.r2 = PriceGrid.roundHalfUp(sum + 3 * (h - l), 3);
        levels.s2 = PriceGrid.roundHalfUp(sum - 3 * (h - l), 3);
        levels.r3 = PriceGrid.roundHalfUp(3 * h + 2 * sum - 6 * l, 3);
        levels.s3 = PriceGrid.roundHalfUp(3 * l - 6 * h + 2 * sum, 3);
        levels.fib236 = fib(h, l, 236);
        levels.fib382 = fib(h, l, 382);
        levels.fib500 = fib(h, l, 500);
        levels.fib618 = fib(h, l, 618);
        levels.fib786 = fib(h, l, 786);

        final long firstBin = Math.floorDiv(l, binTicks);
        final long lastBin = Math.floorDiv(h, binTicks);
        final long binsPerRow = PriceGrid.niceAtLeast((lastBin - firstBin + TARGET_ROWS) / TARGET_ROWS);
        final long rowTicks = binTicks * binsPerRow;
        final long firstRow = Math.floorDiv(l, rowTicks);
        final long lastRow = Math.floorDiv(h, rowTicks);
        final long[] rows = new long[(int) (lastRow - firstRow + 1)];
        for (long bin = firstRow * binsPerRow; bin < (lastRow + 1) * binsPerRow; bin++) {
            rows[(int) (Math.floorDiv(bin, binsPerRow) - firstRow)] += profile.binVolume(bin);
        }
        levels.rowTicks = rowTicks;
        levels.firstRowLow = firstRow * rowTicks;
        levels.rowVolumes = rows;
        final int poc = ValueArea.pointOfControl(rows, levels.firstRowLow, rowTicks, l, h);
        final int[] area = ValueArea.area(rows, poc);
        levels.poc = levels.firstRowLow + poc * rowTicks;
        levels.val = levels.firstRowLow + area[0] * rowTicks;
        levels.vah = levels.firstRowLow + area[1] * rowTicks + rowTicks;
        return levels;
    }

    /** The retracement of {@code permille}/1000 of the range from the high: H − x (H − L), half up. */
    private static long fib(final long high, final long low, final long permille) {
        return PriceGrid.roundHalfUp(1_000 * high - permille * (high - low), 1_000);
    }
}
