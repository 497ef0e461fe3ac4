package io.tidemark.peer.workload;

import java.util.Arrays;

/**
 * A command stream for one market, engine-neutral, held as parallel primitive arrays: first
 * {@link Header#setupCount()} records that build the initial book (applied untimed), then
 * {@link Header#commandCount()} measured records. Each engine's adapter turns it into that engine's own
 * command objects before anything is timed.
 *
 * <p>Record kinds, with the fields each uses:
 * <ul>
 *   <li>{@link #PLACE}: account, orderId (the workload's id: 1, 2, 3… in placement order), side, orderType
 *       ({@link #LIMIT} or {@link #MARKET}), timeInForce ({@link #GTC} or {@link #IOC}), price (ticks; 0 for a
 *       market order), size (lots);
 *   <li>{@link #CANCEL}: account, orderId;
 *   <li>{@link #MOVE}: account, orderId, price — the new price; the order leaves its level, may trade, and
 *       whatever is left rests at the back of the new level (cancel-replace keeping the id);
 *   <li>{@link #REDUCE}: account, orderId, size — lots to take off, at most what remains — and newSize,
 *       the order's total size after the reduction, which keeps its place in the queue; or newSize 0 when
 *       the reduction takes off everything that remains, which removes the order (an engine that cannot
 *       reduce an order to nothing cancels it instead).
 * </ul>
 */
public final class Workload {
    public static final byte PLACE = 1;
    public static final byte CANCEL = 2;
    public static final byte MOVE = 3;
    public static final byte REDUCE = 4;

    public static final byte BUY = 1;
    public static final byte SELL = 2;

    public static final byte LIMIT = 1;
    public static final byte MARKET = 2;

    public static final byte GTC = 1;
    public static final byte IOC = 2;

    private final Header header;
    private final byte[] type;
    private final byte[] side;
    private final byte[] orderType;
    private final byte[] timeInForce;
    private final long[] account;
    private final long[] orderId;
    private final long[] price;
    private final long[] size;
    private final long[] newSize;

    private Workload(final Header header, final Builder b) {
        final int n = b.count;
        if (n != header.setupCount() + header.commandCount()) {
            throw new IllegalArgumentException("header says " + header.setupCount() + " + " + header.commandCount()
                + " records, the stream has " + n);
        }
        this.header = header;
        this.type = Arrays.copyOf(b.type, n);
        this.side = Arrays.copyOf(b.side, n);
        this.orderType = Arrays.copyOf(b.orderType, n);
        this.timeInForce = Arrays.copyOf(b.timeInForce, n);
        this.account = Arrays.copyOf(b.account, n);
        this.orderId = Arrays.copyOf(b.orderId, n);
        this.price = Arrays.copyOf(b.price, n);
        this.size = Arrays.copyOf(b.size, n);
        this.newSize = Arrays.copyOf(b.newSize, n);
    }

    public Header header() {
        return header;
    }

    /** All records, set-up and measured. */
    public int size() {
        return type.length;
    }

    public byte type(final int i) {
        return type[i];
    }

    public byte side(final int i) {
        return side[i];
    }

    public byte orderType(final int i) {
        return orderType[i];
    }

    public byte timeInForce(final int i) {
        return timeInForce[i];
    }

    public long account(final int i) {
        return account[i];
    }

    public long orderId(final int i) {
        return orderId[i];
    }

    public long price(final int i) {
        return price[i];
    }

    public long size(final int i) {
        return size[i];
    }

    public long newSize(final int i) {
        return newSize[i];
    }

    /** Share of measured records of one kind (for a place: of one time in force), for reports and tests. */
    public double share(final byte kind, final byte placeTimeInForce) {
        long n = 0;
        for (int i = header.setupCount(); i < size(); i++) {
            if (type[i] == kind && (kind != PLACE || timeInForce[i] == placeTimeInForce)) {
                n++;
            }
        }
        return (double) n / header.commandCount();
    }

    /** Appends records; {@link #build} checks each against the rules above. */
    public static final class Builder {
        private byte[] type = new byte[1 << 12];
        private byte[] side = new byte[1 << 12];
        private byte[] orderType = new byte[1 << 12];
        private byte[] timeInForce = new byte[1 << 12];
        private long[] account = new long[1 << 12];
        private long[] orderId = new long[1 << 12];
        private long[] price = new long[1 << 12];
        private long[] size = new long[1 << 12];
        private long[] newSize = new long[1 << 12];
        private int count;

        public int count() {
            return count;
        }

        public Builder place(final long accountId, final long id, final byte orderSide, final byte type,
                             final byte tif, final long priceTicks, final long sizeLots) {
            return add(PLACE, orderSide, type, tif, accountId, id, priceTicks, sizeLots, 0);
        }

        public Builder cancel(final long accountId, final long id) {
            return add(CANCEL, (byte) 0, (byte) 0, (byte) 0, accountId, id, 0, 0, 0);
        }

        public Builder move(final long accountId, final long id, final long newPriceTicks) {
            return add(MOVE, (byte) 0, (byte) 0, (byte) 0, accountId, id, newPriceTicks, 0, 0);
        }

        public Builder reduce(final long accountId, final long id, final long reduceByLots, final long newSizeLots) {
            return add(REDUCE, (byte) 0, (byte) 0, (byte) 0, accountId, id, 0, reduceByLots, newSizeLots);
        }

        /** Any kind of record; the unused fields must be zero. */
        public Builder add(final byte kind, final byte orderSide, final byte type, final byte tif, final long accountId,
                    final long id, final long priceTicks, final long sizeLots, final long newSizeLots) {
            validate(count, kind, orderSide, type, tif, accountId, id, priceTicks, sizeLots, newSizeLots);
            if (count == this.type.length) {
                final int capacity = count * 2;
                this.type = Arrays.copyOf(this.type, capacity);
                side = Arrays.copyOf(side, capacity);
                orderType = Arrays.copyOf(orderType, capacity);
                timeInForce = Arrays.copyOf(timeInForce, capacity);
                account = Arrays.copyOf(account, capacity);
                orderId = Arrays.copyOf(orderId, capacity);
                price = Arrays.copyOf(price, capacity);
                size = Arrays.copyOf(size, capacity);
                newSize = Arrays.copyOf(newSize, capacity);
            }
            this.type[count] = kind;
            side[count] = orderSide;
            orderType[count] = type;
            timeInForce[count] = tif;
            account[count] = accountId;
            orderId[count] = id;
            price[count] = priceTicks;
            size[count] = sizeLots;
            newSize[count] = newSizeLots;
            count++;
            return this;
        }

        public Workload build(final Header header) {
            return new Workload(header, this);
        }
    }

    private static void validate(final int index, final byte kind, final byte orderSide, final byte type,
                                 final byte tif, final long accountId, final long id, final long priceTicks,
                                 final long sizeLots, final long newSizeLots) {
        final boolean ok = switch (kind) {
            case PLACE -> (orderSide == BUY || orderSide == SELL)
                && (type == LIMIT ? priceTicks > 0 && (tif == GTC || tif == IOC) : type == MARKET && priceTicks == 0 && tif == IOC)
                && sizeLots > 0 && newSizeLots == 0;
            case CANCEL -> priceTicks == 0 && sizeLots == 0 && newSizeLots == 0;
            case MOVE -> priceTicks > 0 && sizeLots == 0 && newSizeLots == 0;
            case REDUCE -> priceTicks == 0 && sizeLots > 0 && newSizeLots >= 0;
            default -> false;
        };
        if (!ok || accountId <= 0 || id <= 0 || (kind != PLACE && (orderSide | type | tif) != 0)) {
            throw new IllegalArgumentException("malformed record " + index + ": kind=" + kind + " side=" + orderSide
                + " type=" + type + " tif=" + tif + " account=" + accountId + " order=" + id + " price=" + priceTicks
                + " size=" + sizeLots + " newSize=" + newSizeLots);
        }
    }

    /**
     * What the stream is: the mix's name and seed, the number of accounts (1..accounts), how many records
     * build the book and how many are measured, a price band that holds every price in the stream (an
     * engine without market orders places a market order as an IOC at the band's edge), the number of
     * orders placed (ids run 1..maxOrderId), the trade digest the stream must produce, and a free-text
     * description of the run that generated it.
     */
    public record Header(String mix, long seed, int accounts, int setupCount, int commandCount, long minPrice,
                         long maxPrice, long maxOrderId, TradeDigest.Result expected, String description) {
    }
}
