package io.tidemark.marketdata.analytics;

/**
 * What a large trade is called: the first that applies of {@link #BLOCK} (notional at least 10 × the
 * threshold), {@link #SWEEP} (the taker traded at 3 or more price levels in that command), then the
 * taker's side. The code is written to snapshots, so it is fixed beside each constant.
 */
public enum LargeTradeLabel {
    BLOCK(0, "block"), SWEEP(1, "sweep"), AGGRESSIVE_BUY(2, "aggressive_buy"), AGGRESSIVE_SELL(3, "aggressive_sell");

    /** A block is at least this many times the pair's threshold. */
    public static final long BLOCK_MULTIPLE = 10;
    /** A sweep traded at least this many price levels. */
    public static final int SWEEP_LEVELS = 3;

    private final int code;
    private final String wireName;

    LargeTradeLabel(final int code, final String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public static LargeTradeLabel fromCode(final int code) {
        for (final LargeTradeLabel label : values()) {
            if (label.code == code) {
                return label;
            }
        }
        throw new io.tidemark.engine.snapshot.SnapshotFormatException("unknown large-trade label code " + code);
    }

    /** The label of a trade of {@code notional} at {@code threshold}, whose taker swept {@code levels}. */
    public static LargeTradeLabel of(final long notional, final long threshold, final int levels, final boolean takerBought) {
        // floor(n / 10) >= t exactly when n >= 10 t, for integers, without overflow
        if (notional / BLOCK_MULTIPLE >= threshold) {
            return BLOCK;
        }
        if (levels >= SWEEP_LEVELS) {
            return SWEEP;
        }
        return takerBought ? AGGRESSIVE_BUY : AGGRESSIVE_SELL;
    }
}
