package io.tidemark.marketdata;

import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.Side;

import java.util.ArrayList;
import java.util.List;

/** Test helper: every trade the engine reports, with its command time, as values. */
final class TradeLog extends IgnoringListener {
    record Fill(long time, long tradeId, int marketId, long price, long size, Side takerSide) {
    }

    private final List<Fill> trades = new ArrayList<>();

    List<Fill> all() {
        return trades;
    }

    List<Fill> of(final int marketId) {
        return trades.stream().filter(t -> t.marketId() == marketId).toList();
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        trades.add(new Fill(timestamp, tradeId, marketId, price, size, takerSide));
    }
}
