package io.tidemark.gateway.ws;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.marketdata.Interval;

/**
 * A channel name as a client writes it ({@code orderbook:BTC-USD}, {@code candles:BTC-USD:1m},
 * {@code fills}), parsed once against the markets.
 */
record StreamChannel(Kind kind, String name, int marketId, Interval interval) {

    /**
     * What a channel carries; the private ones need an authenticated connection. The code is written to
     * the private streams' snapshot section, so it is fixed beside each constant, never renumbered.
     */
    enum Kind {
        ORDERBOOK(0), TRADES(1), TICKER(2), CANDLES(3), ORDERS(4), FILLS(5), BALANCES(6), OVERVIEW(7), LARGE_TRADES(8);

        private final int code;

        Kind(final int code) {
            this.code = code;
        }

        int code() {
            return code;
        }

        /** The kind with {@code code}, or null when there is none. */
        static Kind fromCode(final int code) {
            for (final Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }

        boolean isPrivate() {
            return this == ORDERS || this == FILLS || this == BALANCES;
        }
    }

    static StreamChannel parse(final ExchangeConfig config, final String name) {
        switch (name) {
            case "orders" -> {
                return new StreamChannel(Kind.ORDERS, name, -1, null);
            }
            case "fills" -> {
                return new StreamChannel(Kind.FILLS, name, -1, null);
            }
            case "balances" -> {
                return new StreamChannel(Kind.BALANCES, name, -1, null);
            }
            default -> {
            }
        }
        final String[] parts = name.split(":", -1);
        final Kind kind = switch (parts[0]) {
            case "orderbook" -> Kind.ORDERBOOK;
            case "trades" -> Kind.TRADES;
            case "ticker" -> Kind.TICKER;
            case "candles" -> Kind.CANDLES;
            case "overview" -> Kind.OVERVIEW;
            case "large_trades" -> Kind.LARGE_TRADES;
            default -> throw unknown(name);
        };
        if (parts.length != (kind == Kind.CANDLES ? 3 : 2)) {
            throw unknown(name);
        }
        final Market market = config.marketByPair(parts[1]);
        if (market == null) {
            throw new ApiException(ErrorCode.UNKNOWN_PAIR, "unknown pair " + printable(parts[1]), "channels");
        }
        Interval interval = null;
        if (kind == Kind.CANDLES) {
            interval = Interval.fromWire(parts[2]);
            if (interval == null) {
                throw new ApiException(ErrorCode.UNKNOWN_CHANNEL, "candle intervals are 1m 5m 15m 1h 4h 1d", "channels");
            }
        }
        return new StreamChannel(kind, name, market.id(), interval);
    }

    private static ApiException unknown(final String name) {
        return new ApiException(ErrorCode.UNKNOWN_CHANNEL, "unknown channel '" + printable(name)
            + "'; channels are orderbook:PAIR, trades:PAIR, ticker:PAIR, candles:PAIR:INTERVAL, overview:PAIR, large_trades:PAIR, "
            + "orders, fills, balances",
            "channels");
    }

    private static String printable(final String text) {
        final StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
