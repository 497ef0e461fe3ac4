package io.tidemark.sandbox.stats;

/** One public trade: when (epoch ms), price and size as decimals. */
public record TradePrint(long timeMillis, double price, double size) {
    public double notional() {
        return price * size;
    }
}
