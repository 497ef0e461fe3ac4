package io.tidemark.engine.config;

import io.tidemark.engine.api.MarketStatus;

/**
 * A validated market with its integer arithmetic worked out once: prices are ticks, sizes lots,
 * and one tick × one lot is exactly {@link #quoteUnitsPerTickLot()} minor units of the quote asset,
 * so notional = price × size × that factor with no rounding. Immutable.
 */
public final class Market {
    /** Every notional (and every balance total) stays below this, so sums of a few never overflow. */
    public static final long MAX_NOTIONAL = 1L << 62;
    public static final int MAX_FEE_BPS = 1_000;
    private static final long BPS_DENOMINATOR = 10_000;
    /** Notionals up to this times any fee rate fit in a long. */
    private static final long FEE_PRODUCT_LIMIT = Long.MAX_VALUE / MAX_FEE_BPS;

    private final int id;
    private final String pair;
    private final Asset base;
    private final Asset quote;
    private final int tickDecimals;
    private final long tickUnits;
    private final int lotDecimals;
    private final long lotUnits;
    private final long minSizeLots;
    private final long minNotional;
    private final long maxPriceTicks;
    private final long maxSizeLots;
    private final int makerFeeBps;
    private final int takerFeeBps;
    private final MarketStatus initialStatus;
    private final long quoteUnitsPerTickLot;
    private final long baseUnitsPerLot;

    Market(final int id, final String pair, final Asset base, final Asset quote, final int tickDecimals,
           final long tickUnits, final int lotDecimals, final long lotUnits, final long minSizeLots,
           final long minNotional, final long maxPriceTicks, final long maxSizeLots, final int makerFeeBps,
           final int takerFeeBps, final MarketStatus initialStatus, final long quoteUnitsPerTickLot,
           final long baseUnitsPerLot) {
        this.id = id;
        this.pair = pair;
        this.base = base;
        this.quote = quote;
        this.tickDecimals = tickDecimals;
        this.tickUnits = tickUnits;
        this.lotDecimals = lotDecimals;
        this.lotUnits = lotUnits;
        this.minSizeLots = minSizeLots;
        this.minNotional = minNotional;
        this.maxPriceTicks = maxPriceTicks;
        this.maxSizeLots = maxSizeLots;
        this.makerFeeBps = makerFeeBps;
        this.takerFeeBps = takerFeeBps;
        this.initialStatus = initialStatus;
        this.quoteUnitsPerTickLot = quoteUnitsPerTickLot;
        this.baseUnitsPerLot = baseUnitsPerLot;
    }

    public int id() {
        return id;
    }

    public String pair() {
        return pair;
    }

    public Asset base() {
        return base;
    }

    public Asset quote() {
        return quote;
    }

    public int tickDecimals() {
        return tickDecimals;
    }

    public int lotDecimals() {
        return lotDecimals;
    }

    /** The tick in units of 10^-tickDecimals of the quote asset (tick 0.5 → decimals 1, units 5). */
    public long tickUnits() {
        return tickUnits;
    }

    /** The lot in units of 10^-lotDecimals of the base asset. */
    public long lotUnits() {
        return lotUnits;
    }

    public long minSizeLots() {
        return minSizeLots;
    }

    /** Minimum order value in quote minor units. */
    public long minNotional() {
        return minNotional;
    }

    public long maxPriceTicks() {
        return maxPriceTicks;
    }

    public long maxSizeLots() {
        return maxSizeLots;
    }

    public int makerFeeBps() {
        return makerFeeBps;
    }

    public int takerFeeBps() {
        return takerFeeBps;
    }

    public MarketStatus initialStatus() {
        return initialStatus;
    }

    public long quoteUnitsPerTickLot() {
        return quoteUnitsPerTickLot;
    }

    public long baseUnitsPerLot() {
        return baseUnitsPerLot;
    }

    /** Quote minor units of {@code sizeLots} at {@code priceTicks}; exact, and below {@link #MAX_NOTIONAL} within the limits. */
    public long notional(final long priceTicks, final long sizeLots) {
        return priceTicks * sizeLots * quoteUnitsPerTickLot;
    }

    /** Base minor units of {@code sizeLots}. */
    public long baseUnits(final long sizeLots) {
        return sizeLots * baseUnitsPerLot;
    }

    /**
     * The fee on {@code notional} at {@code bps}, rounded down. Rounding down makes fees superadditive
     * (fee(a) + fee(b) ≤ fee(a + b)), which is what guarantees that a buy order's hold always covers
     * every partial fill plus its fee.
     */
    public static long fee(final long notional, final int bps) {
        if (notional <= FEE_PRODUCT_LIMIT && bps <= MAX_FEE_BPS) {
            // the same floor (n = qD + r: floor(nb/D) = qb + floor(rb/D)) with one division, as no product overflows
            return notional * bps / BPS_DENOMINATOR;
        }
        return (notional / BPS_DENOMINATOR) * bps + (notional % BPS_DENOMINATOR) * bps / BPS_DENOMINATOR;
    }

    /** What a buy of {@code sizeLots} at {@code priceTicks} must hold: its value plus the taker fee it could pay. */
    public long buyHold(final long priceTicks, final long sizeLots) {
        return buyHold(priceTicks, sizeLots, takerFeeBps);
    }

    /** As {@link #buyHold(long, long)} at a taker fee of {@code takerBps} (the order's own, after a fee change). */
    public long buyHold(final long priceTicks, final long sizeLots, final int takerBps) {
        final long value = notional(priceTicks, sizeLots);
        return value + fee(value, takerBps);
    }

    /** Parses a price into ticks: a value ≥ 1, or a {@link DecimalCodec} sentinel, or {@link #NOT_A_MULTIPLE}. */
    public long parsePrice(final CharSequence text) {
        return toMultiple(DecimalCodec.parse(text, tickDecimals), tickUnits);
    }

    /** Parses a size into lots; as {@link #parsePrice}. */
    public long parseSize(final CharSequence text) {
        return toMultiple(DecimalCodec.parse(text, lotDecimals), lotUnits);
    }

    /** Returned by {@link #parsePrice} and {@link #parseSize} for an exact value that is not a multiple of the tick or lot. */
    public static final long NOT_A_MULTIPLE = -4;

    private static long toMultiple(final long units, final long step) {
        if (units < 0) {
            return units;
        }
        return units % step == 0 ? units / step : NOT_A_MULTIPLE;
    }

    public String formatPrice(final long priceTicks) {
        return DecimalCodec.format(priceTicks * tickUnits, tickDecimals);
    }

    public StringBuilder appendPrice(final StringBuilder out, final long priceTicks) {
        return DecimalCodec.appendTo(out, priceTicks * tickUnits, tickDecimals);
    }

    public String formatSize(final long sizeLots) {
        return DecimalCodec.format(sizeLots * lotUnits, lotDecimals);
    }

    public StringBuilder appendSize(final StringBuilder out, final long sizeLots) {
        return DecimalCodec.appendTo(out, sizeLots * lotUnits, lotDecimals);
    }

    @Override
    public String toString() {
        return pair;
    }
}
