package io.tidemark.marketdata.analytics;

/**
 * The point of control and 70 % value area of a volume profile, as API.md defines them, on rows given
 * lowest price first. Pure functions of their arguments, so a hand-made profile tests them directly.
 */
public final class ValueArea {
    /** The value area holds at least this share of the volume: 70 / 100. */
    public static final int SHARE_PERCENT = 70;

    private ValueArea() {
    }

    /**
     * The index of the row with the most volume; a tie goes to the row whose middle is nearer the
     * middle of the period's price range, then to the lower row. Row {@code i} spans
     * {@code [firstRowLow + i × rowTicks, … + rowTicks)}; {@code rangeLow}/{@code rangeHigh} are the
     * period's low and high. −1 for a profile without volume.
     */
    public static int pointOfControl(final long[] volumes, final long firstRowLow, final long rowTicks,
                                     final long rangeLow, final long rangeHigh) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        final long middle2 = rangeLow + rangeHigh;
        for (int i = 0; i < volumes.length; i++) {
            if (volumes[i] <= 0) {
                continue;
            }
            final long distance = Math.abs(2 * (firstRowLow + i * rowTicks) + rowTicks - middle2);
            // strictly more volume, or as much and strictly nearer: on a full tie the lower (earlier) row stays
            if (best < 0 || volumes[i] > volumes[best] || (volumes[i] == volumes[best] && distance < bestDistance)) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The value area around row {@code poc}: from the POC, compare the next two rows above with the next
     * two below (fewer at an edge), add the pair with more volume (above on a tie), until the area holds
     * at least 70 % of all volume. Returns {@code {lowest row, highest row}} of the area.
     */
    public static int[] area(final long[] volumes, final int poc) {
        long total = 0;
        for (final long v : volumes) {
            total += v;
        }
        int lowRow = poc;
        int highRow = poc;
        long inArea = volumes[poc];
        while (inArea * 100 < total * SHARE_PERCENT) {
            final int aboveCount = Math.min(2, volumes.length - 1 - highRow);
            final int belowCount = Math.min(2, lowRow);
            if (aboveCount == 0 && belowCount == 0) {
                break;
            }
            long above = 0;
            for (int i = 1; i <= aboveCount; i++) {
                above += volumes[highRow + i];
            }
            long below = 0;
            for (int i = 1; i <= belowCount; i++) {
                below += volumes[lowRow - i];
            }
            if (aboveCount > 0 && (belowCount == 0 || above >= below)) {
                highRow += aboveCount;
                inArea += above;
            } else {
                lowRow -= belowCount;
                inArea += below;
            }
        }
        return new int[] {lowRow, highRow};
    }
}
