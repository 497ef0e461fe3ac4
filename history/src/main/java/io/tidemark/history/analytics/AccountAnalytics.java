package io.tidemark.history.analytics;

import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.history.store.LedgerEntry;
import io.tidemark.node.view.FillRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An account's trading record from the history store: its fills matched into FIFO round trips
 * ({@link RoundTripBook}), the performance summary, and daily equity points. Runs on the history read
 * pool (never an event loop or the view thread); reads whole histories page by page (keyset), so it
 * sees what the store keeps: the retention period.
 */
public final class AccountAnalytics {
    private static final int PAGE = 1_000;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final ExchangeConfig config;

    public AccountAnalytics(final ExchangeConfig config) {
        this.config = config;
    }

    /** The performance summary; amounts per asset id in minor units. */
    public record Performance(int fills, int roundTrips, int wins, int losses, long[] realizedPnl, long[] feesPaid,
                              long[] volume, boolean[] quoted) {
    }

    /** One point of the equity curve in minor units of the valuation asset. */
    public record EquityPoint(long time, long equity, long realizedPnl, long unrealizedPnl) {
    }

    /** The account's fills (one market, or all when {@code marketId} &lt; 0) in trade order. */
    public List<TradeFill> fills(final HistoryStore store, final long accountId, final int marketId) {
        final List<TradeFill> fills = new ArrayList<>();
        long before = 0;
        while (true) {
            final List<FillRecord> page = store.fills(accountId, marketId, before, PAGE);
            for (final FillRecord f : page) {
                fills.add(new TradeFill(f.tradeId(), f.marketId(), f.side(), f.price(), f.size(), f.fee(), false, f.time()));
            }
            if (page.size() < PAGE) {
                break;
            }
            before = page.get(page.size() - 1).tradeId();
        }
        Collections.reverse(fills);
        return fills;
    }

    public RoundTripBook roundTrips(final List<TradeFill> fills) {
        final RoundTripBook book = new RoundTripBook(config);
        fills.forEach(book::add);
        return book;
    }

    public Performance performance(final List<TradeFill> fills, final RoundTripBook book) {
        final int assets = config.assets().size();
        final long[] pnl = new long[assets];
        final long[] fees = new long[assets];
        final long[] volume = new long[assets];
        final boolean[] quoted = new boolean[assets];
        for (final TradeFill fill : fills) {
            final Market market = config.market(fill.marketId());
            quoted[market.quote().id()] = true;
            volume[market.quote().id()] += market.notional(fill.price(), fill.size());
            fees[fill.feeInBase() ? market.base().id() : market.quote().id()] += fill.fee();
        }
        int wins = 0;
        int losses = 0;
        for (final RoundTrip trip : book.closed()) {
            pnl[config.market(trip.marketId()).quote().id()] += trip.pnl();
            if (trip.pnl() > 0) {
                wins++;
            } else if (trip.pnl() < 0) {
                losses++;
            }
        }
        return new Performance(fills.size(), book.closed().size(), wins, losses, pnl, fees, volume, quoted);
    }

    /**
     * Daily equity in {@code quote}: at each UTC midnight of the last {@code days} days (today's
     * included) and at {@code now}, every wallet of every asset valued at each market's last price then,
     * directly or through one bridge asset (an asset with no price path then counts 0); realized pnl of
     * the round trips closed by then and unrealized pnl of the positions open then, both valued the
     * same way.
     */
    public List<EquityPoint> equity(final HistoryStore store, final long accountId, final int days, final Asset quote,
                                    final long now) {
        final List<LedgerEntry> ledger = ledger(store, accountId);
        final List<TradeFill> fills = fills(store, accountId, -1);
        final List<Long> times = new ArrayList<>();
        final long today = Math.floorDiv(now, DAY_NANOS) * DAY_NANOS;
        for (int k = days - 1; k >= 0; k--) {
            times.add(today - k * DAY_NANOS);
        }
        if (now > today) {
            times.add(now);
        }
        final RoundTripBook book = new RoundTripBook(config);
        final int wallets = io.tidemark.engine.api.Wallet.values().length;
        final long[] totals = new long[config.assets().size() * wallets];
        int nextEntry = 0;
        int nextFill = 0;
        final List<EquityPoint> points = new ArrayList<>();
        for (final long t : times) {
            while (nextEntry < ledger.size() && ledger.get(nextEntry).time() <= t) {
                final LedgerEntry e = ledger.get(nextEntry++);
                totals[e.assetId() * wallets + e.wallet().code()] = e.balanceAfter();
            }
            while (nextFill < fills.size() && fills.get(nextFill).time() <= t) {
                book.add(fills.get(nextFill++));
            }
            final long[] prices = new long[config.markets().size()];
            for (final Market market : config.markets()) {
                prices[market.id()] = store.lastPrice(market.id(), t);
            }
            BigDecimal equity = BigDecimal.ZERO;
            for (final Asset asset : config.assets()) {
                long amount = 0;
                for (int w = 0; w < wallets; w++) {
                    amount += totals[asset.id() * wallets + w];
                }
                equity = equity.add(value(amount, asset, quote, prices));
            }
            BigDecimal realized = BigDecimal.ZERO;
            for (final RoundTrip trip : book.closed()) {
                realized = realized.add(value(trip.pnl(), config.market(trip.marketId()).quote(), quote, prices));
            }
            BigDecimal unrealized = BigDecimal.ZERO;
            for (final Market market : config.markets()) {
                if (book.position(market.id()) != 0 && prices[market.id()] > 0) {
                    unrealized = unrealized.add(value(book.unrealized(market.id(), prices[market.id()]), market.quote(),
                        quote, prices));
                }
            }
            points.add(new EquityPoint(t, round(equity), round(realized), round(unrealized)));
        }
        return points;
    }

    private static long round(final BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private List<LedgerEntry> ledger(final HistoryStore store, final long accountId) {
        final List<LedgerEntry> entries = new ArrayList<>();
        long before = 0;
        while (true) {
            final List<LedgerEntry> page = store.ledger(accountId, -1, before, PAGE);
            entries.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        Collections.reverse(entries);
        return entries;
    }

    /** {@code amount} minor units of {@code asset} in minor units of {@code quote}; 0 without a price path. */
    BigDecimal value(final long amount, final Asset asset, final Asset quote, final long[] prices) {
        if (amount == 0) {
            return BigDecimal.ZERO;
        }
        final BigDecimal rate = rate(asset, quote, prices, true);
        return rate == null ? BigDecimal.ZERO : BigDecimal.valueOf(amount).multiply(rate);
    }

    /** Minor units of {@code to} per minor unit of {@code from}, directly or (when allowed) through one bridge asset. */
    private BigDecimal rate(final Asset from, final Asset to, final long[] prices, final boolean bridge) {
        if (from.id() == to.id()) {
            return BigDecimal.ONE;
        }
        for (final Market market : config.markets()) {
            final long price = prices[market.id()];
            if (price <= 0) {
                continue;
            }
            final BigDecimal perBase = BigDecimal.valueOf(price * market.quoteUnitsPerTickLot())
                .divide(BigDecimal.valueOf(market.baseUnitsPerLot()), 20, RoundingMode.HALF_EVEN);
            if (market.base().id() == from.id() && market.quote().id() == to.id()) {
                return perBase;
            }
            if (market.quote().id() == from.id() && market.base().id() == to.id()) {
                return BigDecimal.ONE.divide(perBase, 20, RoundingMode.HALF_EVEN);
            }
        }
        if (!bridge) {
            return null;
        }
        for (final Asset middle : config.assets()) {
            if (middle.id() == from.id() || middle.id() == to.id()) {
                continue;
            }
            final BigDecimal first = rate(from, middle, prices, false);
            final BigDecimal second = first == null ? null : rate(middle, to, prices, false);
            if (second != null) {
                return first.multiply(second);
            }
        }
        return null;
    }
}
