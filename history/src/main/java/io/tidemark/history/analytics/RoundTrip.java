package io.tidemark.history.analytics;

/**
 * A closed round trip on one pair: the position opened from flat (or by a flip) and closed when it came
 * back to zero or changed sign. Sizes in lots; notionals, fees and pnl in quote minor units; pnl is net
 * of the fees of the fills (or fill parts) in the trip. {@code ordinal} counts closed trips of the
 * account from 1 in closing order (the page cursor).
 */
public record RoundTrip(long ordinal, int marketId, boolean isLong, long size, long entryNotional, long exitNotional,
                        long fees, long pnl, long openedAt, long closedAt) {
}
