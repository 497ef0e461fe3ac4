package io.tidemark.peer.workload;

import java.util.Arrays;

/**
 * What two matching engines must agree on before their speed is compared: the number of trades, their
 * total size (lots), their total notional (price × size, in ticks × lots) and every order's filled size,
 * the last folded into one hash over order ids in ascending order. Fed one trade at a time by whichever
 * engine is being checked; the taker and the maker each count the trade's size as filled.
 *
 * <p>Used only to verify a replay, never while timing: it keeps an array of filled sizes indexed by
 * order id. Not thread safe.
 */
public final class TradeDigest {
    private long trades;
    private long totalSize;
    private long totalNotional;
    private long[] filled = new long[1 << 12];
    private long maxOrderId;

    public void onTrade(final long takerOrderId, final long makerOrderId, final long price, final long size) {
        if (size <= 0 || price <= 0 || takerOrderId <= 0 || makerOrderId <= 0 || takerOrderId == makerOrderId) {
            throw new IllegalArgumentException("not a trade: taker=" + takerOrderId + " maker=" + makerOrderId
                + " price=" + price + " size=" + size);
        }
        trades++;
        totalSize = Math.addExact(totalSize, size);
        totalNotional = Math.addExact(totalNotional, Math.multiplyExact(price, size));
        addFilled(takerOrderId, size);
        addFilled(makerOrderId, size);
    }

    private void addFilled(final long orderId, final long size) {
        if (orderId >= filled.length) {
            if (orderId >= Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("order id too large for a digest: " + orderId);
            }
            filled = Arrays.copyOf(filled, (int) Math.max(orderId + 1, 2L * filled.length));
        }
        filled[(int) orderId] += size;
        maxOrderId = Math.max(maxOrderId, orderId);
    }

    /** Filled size of one order so far (0 if it never traded). */
    public long filled(final long orderId) {
        return orderId < filled.length ? filled[(int) orderId] : 0;
    }

    public Result result() {
        long hash = 0x5EED_7EAD_0000_0001L;
        long orders = 0;
        for (int id = 1; id <= maxOrderId; id++) {
            if (filled[id] != 0) {
                orders++;
                hash = mix(Long.rotateLeft(hash, 7) ^ mix(id * 0x9E37_79B9_7F4A_7C15L + filled[id]));
            }
        }
        return new Result(trades, totalSize, totalNotional, orders, hash);
    }

    /** The SplitMix64 finalizer: a cheap, well-mixing bijection on 64 bits. */
    private static long mix(final long z0) {
        long z = (z0 ^ (z0 >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The digest of a replay. {@code filledOrders} is how many orders traded at all and
     * {@code filledHash} folds each of their filled sizes with its order id.
     */
    public record Result(long trades, long totalSize, long totalNotional, long filledOrders, long filledHash) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                "trades=%d size=%d notional=%d ordersFilled=%d filledHash=%016x",
                trades, totalSize, totalNotional, filledOrders, filledHash);
        }
    }
}
