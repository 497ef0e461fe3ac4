package io.tidemark.engine.config;

/** A validated asset: its id is its position in the configuration. Immutable. */
public final class Asset {
    private final int id;
    private final String symbol;
    private final int scale;
    private final long circulatingSupplyUnits;

    Asset(final int id, final String symbol, final int scale, final long circulatingSupplyUnits) {
        this.id = id;
        this.symbol = symbol;
        this.scale = scale;
        this.circulatingSupplyUnits = circulatingSupplyUnits;
    }

    public int id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    /** Decimals of the smallest unit: balances are longs of 10^-scale. */
    public int scale() {
        return scale;
    }

    /** Circulating supply in units, or -1 when not configured. */
    public long circulatingSupplyUnits() {
        return circulatingSupplyUnits;
    }

    /** Parses an amount of this asset; see {@link DecimalCodec#parse} for the sentinels. */
    public long parseAmount(final CharSequence text) {
        return DecimalCodec.parse(text, scale);
    }

    public String formatAmount(final long units) {
        return DecimalCodec.format(units, scale);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
