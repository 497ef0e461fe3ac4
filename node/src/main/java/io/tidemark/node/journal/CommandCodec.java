package io.tidemark.node.journal;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.api.WireEnum;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The journal's binary form of one command: compact (only the fields its type uses), little-endian,
 * and checked by CRC32C, so a damaged record is recognised instead of being replayed. Layout:
 *
 * <pre>
 *   0 version (1)   1 type code   2 flags (bit 0 client id present, bit 1 post-only)   3 reserved
 *   4 crc32c of every other byte   8 sequence   16 timestamp   24 account   32 type body
 *   place:  market i32, side, order type, time in force, stp (u8 each, code+1, 0 = absent),
 *           price, stop price, size, funds (i64) [, client id 4 × i64]
 *   cancel: order id [, client id]      cancel-all: market i32      amend: order id, price, size
 *   deposit / withdraw: asset i32, amount      transfer: asset i32, amount, from, to (u8)
 *   market status: market i32, status (u8)
 * </pre>
 *
 * A journal generation also starts with a header record (version {@link #HEADER_VERSION}) naming the
 * configuration fingerprint it was written under. Encoding and decoding use a reused scratch array;
 * no allocation. Not thread safe.
 */
public final class CommandCodec {
    public static final int MAX_LENGTH = 128;
    static final byte VERSION = 1;
    static final byte HEADER_VERSION = 0x7F;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER_LENGTH = 32;
    private static final int FLAG_CLIENT_ID = 1;
    private static final int FLAG_POST_ONLY = 2;

    private final byte[] bytes = new byte[MAX_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final CRC32C crc = new CRC32C();
    private String lastError;

    /** The scratch array that {@link #encode} wrote into and {@link #decode} reads from. */
    public byte[] bytes() {
        return bytes;
    }

    /** Why the last {@link #decode} refused a record. */
    public String lastError() {
        return lastError;
    }

    /** Encodes {@code c} into {@link #bytes()}; returns its length. */
    public int encode(final Command c) {
        int p = HEADER_LENGTH;
        int flags = 0;
        switch (c.type) {
            case PLACE_ORDER -> {
                buffer.putInt(p, c.marketId, LE);
                bytes[p + 4] = code(c.side);
                bytes[p + 5] = code(c.orderType);
                bytes[p + 6] = code(c.timeInForce);
                bytes[p + 7] = code(c.selfTradePrevention);
                buffer.putLong(p + 8, c.price, LE);
                buffer.putLong(p + 16, c.stopPrice, LE);
                buffer.putLong(p + 24, c.size, LE);
                buffer.putLong(p + 32, c.funds, LE);
                p += 40;
                if (c.postOnly) {
                    flags |= FLAG_POST_ONLY;
                }
                if (c.clientOrderId.isPresent()) {
                    flags |= FLAG_CLIENT_ID;
                    p = putClientId(c, p);
                }
            }
            case CANCEL_ORDER -> {
                buffer.putLong(p, c.orderId, LE);
                p += 8;
                if (c.clientOrderId.isPresent()) {
                    flags |= FLAG_CLIENT_ID;
                    p = putClientId(c, p);
                }
            }
            case CANCEL_ALL -> {
                buffer.putInt(p, c.marketId, LE);
                p += 4;
            }
            case AMEND_ORDER -> {
                buffer.putLong(p, c.orderId, LE);
                buffer.putLong(p + 8, c.price, LE);
                buffer.putLong(p + 16, c.size, LE);
                p += 24;
            }
            case DEPOSIT, WITHDRAW -> {
                buffer.putInt(p, c.assetId, LE);
                buffer.putLong(p + 4, c.amount, LE);
                p += 12;
            }
            case TRANSFER -> {
                buffer.putInt(p, c.assetId, LE);
                buffer.putLong(p + 4, c.amount, LE);
                bytes[p + 12] = code(c.fromWallet);
                bytes[p + 13] = code(c.toWallet);
                p += 14;
            }
            case SET_MARKET_STATUS -> {
                buffer.putInt(p, c.marketId, LE);
                bytes[p + 4] = code(c.marketStatus);
                p += 5;
            }
        }
        bytes[0] = VERSION;
        bytes[1] = (byte) c.type.code();
        bytes[2] = (byte) flags;
        bytes[3] = 0;
        buffer.putLong(8, c.sequence, LE);
        buffer.putLong(16, c.timestamp, LE);
        buffer.putLong(24, c.accountId, LE);
        buffer.putInt(4, crc(p), LE);
        return p;
    }

    /** Encodes a generation header into {@link #bytes()}; returns its length. */
    public int encodeHeader(final long configFingerprint, final long firstSequence) {
        bytes[0] = HEADER_VERSION;
        bytes[1] = 0;
        bytes[2] = 0;
        bytes[3] = 0;
        buffer.putLong(8, configFingerprint, LE);
        buffer.putLong(16, firstSequence, LE);
        buffer.putInt(4, crc(24), LE);
        return 24;
    }

    /** True when {@link #bytes()} holds a header record of {@code length} bytes; see {@link #headerFingerprint()}. */
    public boolean isHeader(final int length) {
        return length == 24 && bytes[0] == HEADER_VERSION && buffer.getInt(4, LE) == crc(24);
    }

    public long headerFingerprint() {
        return buffer.getLong(8, LE);
    }

    /**
     * Decodes the {@code length} bytes in {@link #bytes()} into {@code c}; false (see {@link #lastError()})
     * when the record is damaged or of an unknown version.
     */
    public boolean decode(final int length, final Command c) {
        if (length < HEADER_LENGTH || length > MAX_LENGTH) {
            return fail("record of " + length + " bytes");
        }
        if (bytes[0] != VERSION) {
            return fail("unknown record version " + bytes[0]);
        }
        if (buffer.getInt(4, LE) != crc(length)) {
            return fail("checksum mismatch");
        }
        final int typeCode = bytes[1];
        if (typeCode < 0 || typeCode >= CommandType.values().length) {
            return fail("unknown command type " + typeCode);
        }
        final CommandType type = CommandType.fromCode(typeCode);
        final int flags = bytes[2];
        c.clear();
        c.type = type;
        c.sequence = buffer.getLong(8, LE);
        c.timestamp = buffer.getLong(16, LE);
        c.accountId = buffer.getLong(24, LE);
        int p = HEADER_LENGTH;
        try {
            switch (type) {
                case PLACE_ORDER -> {
                    c.marketId = buffer.getInt(p, LE);
                    c.side = decode(Side.values(), bytes[p + 4]);
                    c.orderType = decode(OrderType.values(), bytes[p + 5]);
                    c.timeInForce = decode(TimeInForce.values(), bytes[p + 6]);
                    c.selfTradePrevention = decode(SelfTradePrevention.values(), bytes[p + 7]);
                    c.price = buffer.getLong(p + 8, LE);
                    c.stopPrice = buffer.getLong(p + 16, LE);
                    c.size = buffer.getLong(p + 24, LE);
                    c.funds = buffer.getLong(p + 32, LE);
                    c.postOnly = (flags & FLAG_POST_ONLY) != 0;
                    p += 40;
                    if ((flags & FLAG_CLIENT_ID) != 0) {
                        p = getClientId(c, p);
                    }
                }
                case CANCEL_ORDER -> {
                    c.orderId = buffer.getLong(p, LE);
                    p += 8;
                    if ((flags & FLAG_CLIENT_ID) != 0) {
                        p = getClientId(c, p);
                    }
                }
                case CANCEL_ALL -> {
                    c.marketId = buffer.getInt(p, LE);
                    p += 4;
                }
                case AMEND_ORDER -> {
                    c.orderId = buffer.getLong(p, LE);
                    c.price = buffer.getLong(p + 8, LE);
                    c.size = buffer.getLong(p + 16, LE);
                    p += 24;
                }
                case DEPOSIT, WITHDRAW -> {
                    c.assetId = buffer.getInt(p, LE);
                    c.amount = buffer.getLong(p + 4, LE);
                    p += 12;
                }
                case TRANSFER -> {
                    c.assetId = buffer.getInt(p, LE);
                    c.amount = buffer.getLong(p + 4, LE);
                    c.fromWallet = decode(Wallet.values(), bytes[p + 12]);
                    c.toWallet = decode(Wallet.values(), bytes[p + 13]);
                    p += 14;
                }
                case SET_MARKET_STATUS -> {
                    c.marketId = buffer.getInt(p, LE);
                    c.marketStatus = decode(MarketStatus.values(), bytes[p + 4]);
                    p += 5;
                }
            }
        } catch (final IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (p != length) {
            return fail("a " + type.wireName() + " record must be " + p + " bytes, is " + length);
        }
        lastError = null;
        return true;
    }

    private boolean fail(final String reason) {
        lastError = reason;
        return false;
    }

    /** CRC32C of the whole record except the four bytes that hold it. */
    private int crc(final int length) {
        crc.reset();
        crc.update(bytes, 0, 4);
        crc.update(bytes, 8, length - 8);
        return (int) crc.getValue();
    }

    private int putClientId(final Command c, final int p) {
        for (int w = 0; w < 4; w++) {
            buffer.putLong(p + 8 * w, c.clientOrderId.word(w), LE);
        }
        return p + 32;
    }

    private int getClientId(final Command c, final int p) {
        c.clientOrderId.setWords(buffer.getLong(p, LE), buffer.getLong(p + 8, LE), buffer.getLong(p + 16, LE),
            buffer.getLong(p + 24, LE));
        return p + 32;
    }

    private static byte code(final WireEnum value) {
        return (byte) (value == null ? 0 : value.code() + 1);
    }

    private static <E extends Enum<E> & WireEnum> E decode(final E[] values, final byte code) {
        if (code == 0) {
            return null;
        }
        if (code < 0 || code > values.length) {
            throw new IllegalArgumentException("bad enum code " + code);
        }
        return values[code - 1];
    }
}
