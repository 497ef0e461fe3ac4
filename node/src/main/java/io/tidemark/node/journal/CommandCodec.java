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
import java.util.function.IntFunction;
import java.util.zip.CRC32C;

/**
 * The journal's binary form of one command: compact (only the fields its type uses), little-endian,
 * and checked by CRC32C (over every byte but the four that hold it), so a damaged record is recognised
 * instead of being replayed. Where each field lies is {@link CommandLayout}'s, the one definition both
 * directions use.
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
        int flags = 0;
        final int end = switch (c.type) {
            case PLACE_ORDER -> {
                buffer.putInt(CommandLayout.Place.MARKET, c.marketId, LE);
                bytes[CommandLayout.Place.SIDE] = code(c.side);
                bytes[CommandLayout.Place.ORDER_TYPE] = code(c.orderType);
                bytes[CommandLayout.Place.TIME_IN_FORCE] = code(c.timeInForce);
                bytes[CommandLayout.Place.SELF_TRADE_PREVENTION] = code(c.selfTradePrevention);
                buffer.putLong(CommandLayout.Place.PRICE, c.price, LE);
                buffer.putLong(CommandLayout.Place.STOP_PRICE, c.stopPrice, LE);
                buffer.putLong(CommandLayout.Place.SIZE, c.size, LE);
                buffer.putLong(CommandLayout.Place.FUNDS, c.funds, LE);
                if (c.postOnly) {
                    flags |= CommandLayout.FLAG_POST_ONLY;
                }
                if (c.clientOrderId.isPresent()) {
                    flags |= CommandLayout.FLAG_CLIENT_ID;
                    yield putClientId(c, CommandLayout.Place.END);
                }
                yield CommandLayout.Place.END;
            }
            case CANCEL_ORDER -> {
                buffer.putLong(CommandLayout.Cancel.ORDER_ID, c.orderId, LE);
                if (c.clientOrderId.isPresent()) {
                    flags |= CommandLayout.FLAG_CLIENT_ID;
                    yield putClientId(c, CommandLayout.Cancel.END);
                }
                yield CommandLayout.Cancel.END;
            }
            case CANCEL_ALL -> {
                buffer.putInt(CommandLayout.CancelAll.MARKET, c.marketId, LE);
                yield CommandLayout.CancelAll.END;
            }
            case AMEND_ORDER -> {
                buffer.putLong(CommandLayout.Amend.ORDER_ID, c.orderId, LE);
                buffer.putLong(CommandLayout.Amend.PRICE, c.price, LE);
                buffer.putLong(CommandLayout.Amend.SIZE, c.size, LE);
                yield CommandLayout.Amend.END;
            }
            case DEPOSIT, FAUCET, WITHDRAW, REQUEST_WITHDRAWAL -> {
                buffer.putInt(CommandLayout.Funds.ASSET, c.assetId, LE);
                buffer.putLong(CommandLayout.Funds.AMOUNT, c.amount, LE);
                if (c.type == CommandType.DEPOSIT && c.clientOrderId.isPresent()) {
                    flags |= CommandLayout.FLAG_CLIENT_ID;
                    yield putClientId(c, CommandLayout.Funds.END);
                }
                yield CommandLayout.Funds.END;
            }
            case COMPLETE_WITHDRAWAL, REJECT_WITHDRAWAL -> {
                buffer.putLong(CommandLayout.Withdrawal.ID, c.withdrawalId, LE);
                yield CommandLayout.Withdrawal.END;
            }
            case FREEZE_ACCOUNT, UNFREEZE_ACCOUNT -> {
                if (c.cancelOrders) {
                    flags |= CommandLayout.FLAG_CANCEL_ORDERS;
                }
                yield CommandLayout.Freeze.END;
            }
            case TRANSFER -> {
                buffer.putInt(CommandLayout.Transfer.ASSET, c.assetId, LE);
                buffer.putLong(CommandLayout.Transfer.AMOUNT, c.amount, LE);
                bytes[CommandLayout.Transfer.FROM] = code(c.fromWallet);
                bytes[CommandLayout.Transfer.TO] = code(c.toWallet);
                yield CommandLayout.Transfer.END;
            }
            case SET_MARKET_STATUS -> {
                buffer.putInt(CommandLayout.MarketStatus.MARKET, c.marketId, LE);
                bytes[CommandLayout.MarketStatus.STATUS] = code(c.marketStatus);
                yield CommandLayout.MarketStatus.END;
            }
            case SET_MARKET_FEES -> {
                buffer.putInt(CommandLayout.MarketFees.MARKET, c.marketId, LE);
                buffer.putInt(CommandLayout.MarketFees.MAKER, c.makerFeeBps, LE);
                buffer.putInt(CommandLayout.MarketFees.TAKER, c.takerFeeBps, LE);
                yield CommandLayout.MarketFees.END;
            }
            case LIST_ASSET -> {
                buffer.putInt(CommandLayout.ListAsset.SCALE, c.scale, LE);
                flags |= CommandLayout.FLAG_CLIENT_ID;
                yield putClientId(c, CommandLayout.ListAsset.END);
            }
            case LIST_MARKET -> {
                buffer.putInt(CommandLayout.ListMarket.BASE, c.assetId, LE);
                buffer.putInt(CommandLayout.ListMarket.QUOTE, c.quoteAssetId, LE);
                bytes[CommandLayout.ListMarket.TICK_DECIMALS] = (byte) c.tickDecimals;
                buffer.putLong(CommandLayout.ListMarket.TICK_UNITS, c.tickUnits, LE);
                bytes[CommandLayout.ListMarket.LOT_DECIMALS] = (byte) c.lotDecimals;
                buffer.putLong(CommandLayout.ListMarket.LOT_UNITS, c.lotUnits, LE);
                buffer.putLong(CommandLayout.ListMarket.MIN_SIZE, c.minSizeLots, LE);
                buffer.putLong(CommandLayout.ListMarket.MIN_NOTIONAL, c.minNotional, LE);
                buffer.putLong(CommandLayout.ListMarket.MAX_PRICE, c.maxPriceTicks, LE);
                buffer.putLong(CommandLayout.ListMarket.MAX_SIZE, c.maxSizeLots, LE);
                buffer.putInt(CommandLayout.ListMarket.MAKER, c.makerFeeBps, LE);
                buffer.putInt(CommandLayout.ListMarket.TAKER, c.takerFeeBps, LE);
                bytes[CommandLayout.ListMarket.STATUS] = code(c.marketStatus);
                yield CommandLayout.ListMarket.END;
            }
        };
        bytes[CommandLayout.VERSION] = VERSION;
        bytes[CommandLayout.TYPE] = (byte) c.type.code();
        bytes[CommandLayout.FLAGS] = (byte) flags;
        bytes[CommandLayout.RESERVED] = 0;
        buffer.putLong(CommandLayout.SEQUENCE, c.sequence, LE);
        buffer.putLong(CommandLayout.TIMESTAMP, c.timestamp, LE);
        buffer.putLong(CommandLayout.ACCOUNT, c.accountId, LE);
        buffer.putInt(CommandLayout.CRC, crc(end), LE);
        return end;
    }

    /** Encodes a generation header into {@link #bytes()}; returns its length. */
    public int encodeHeader(final long configFingerprint, final long firstSequence) {
        bytes[CommandLayout.VERSION] = HEADER_VERSION;
        bytes[CommandLayout.TYPE] = 0;
        bytes[CommandLayout.FLAGS] = 0;
        bytes[CommandLayout.RESERVED] = 0;
        buffer.putLong(CommandLayout.HEADER_FINGERPRINT, configFingerprint, LE);
        buffer.putLong(CommandLayout.HEADER_FIRST_SEQUENCE, firstSequence, LE);
        buffer.putInt(CommandLayout.CRC, crc(CommandLayout.HEADER_LENGTH), LE);
        return CommandLayout.HEADER_LENGTH;
    }

    /** True when {@link #bytes()} holds a header record of {@code length} bytes; see {@link #headerFingerprint()}. */
    public boolean isHeader(final int length) {
        return length == CommandLayout.HEADER_LENGTH && bytes[CommandLayout.VERSION] == HEADER_VERSION
            && buffer.getInt(CommandLayout.CRC, LE) == crc(CommandLayout.HEADER_LENGTH);
    }

    public long headerFingerprint() {
        return buffer.getLong(CommandLayout.HEADER_FINGERPRINT, LE);
    }

    /**
     * Decodes the {@code length} bytes in {@link #bytes()} into {@code c}; false (see {@link #lastError()})
     * when the record is damaged or of an unknown version.
     */
    public boolean decode(final int length, final Command c) {
        if (length < CommandLayout.BODY || length > MAX_LENGTH) {
            return fail("record of " + length + " bytes");
        }
        if (bytes[CommandLayout.VERSION] != VERSION) {
            return fail("unknown record version " + bytes[CommandLayout.VERSION]);
        }
        if (buffer.getInt(CommandLayout.CRC, LE) != crc(length)) {
            return fail("checksum mismatch");
        }
        final int flags = bytes[CommandLayout.FLAGS];
        c.clear();
        final int end;
        try {
            c.type = CommandType.fromCode(bytes[CommandLayout.TYPE]);
            c.sequence = buffer.getLong(CommandLayout.SEQUENCE, LE);
            c.timestamp = buffer.getLong(CommandLayout.TIMESTAMP, LE);
            c.accountId = buffer.getLong(CommandLayout.ACCOUNT, LE);
            end = switch (c.type) {
                case PLACE_ORDER -> {
                    c.marketId = buffer.getInt(CommandLayout.Place.MARKET, LE);
                    c.side = optional(bytes[CommandLayout.Place.SIDE], Side::fromCode);
                    c.orderType = optional(bytes[CommandLayout.Place.ORDER_TYPE], OrderType::fromCode);
                    c.timeInForce = optional(bytes[CommandLayout.Place.TIME_IN_FORCE], TimeInForce::fromCode);
                    c.selfTradePrevention = optional(bytes[CommandLayout.Place.SELF_TRADE_PREVENTION],
                        SelfTradePrevention::fromCode);
                    c.price = buffer.getLong(CommandLayout.Place.PRICE, LE);
                    c.stopPrice = buffer.getLong(CommandLayout.Place.STOP_PRICE, LE);
                    c.size = buffer.getLong(CommandLayout.Place.SIZE, LE);
                    c.funds = buffer.getLong(CommandLayout.Place.FUNDS, LE);
                    c.postOnly = (flags & CommandLayout.FLAG_POST_ONLY) != 0;
                    yield (flags & CommandLayout.FLAG_CLIENT_ID) != 0 ? getClientId(c, CommandLayout.Place.END)
                        : CommandLayout.Place.END;
                }
                case CANCEL_ORDER -> {
                    c.orderId = buffer.getLong(CommandLayout.Cancel.ORDER_ID, LE);
                    yield (flags & CommandLayout.FLAG_CLIENT_ID) != 0 ? getClientId(c, CommandLayout.Cancel.END)
                        : CommandLayout.Cancel.END;
                }
                case CANCEL_ALL -> {
                    c.marketId = buffer.getInt(CommandLayout.CancelAll.MARKET, LE);
                    yield CommandLayout.CancelAll.END;
                }
                case AMEND_ORDER -> {
                    c.orderId = buffer.getLong(CommandLayout.Amend.ORDER_ID, LE);
                    c.price = buffer.getLong(CommandLayout.Amend.PRICE, LE);
                    c.size = buffer.getLong(CommandLayout.Amend.SIZE, LE);
                    yield CommandLayout.Amend.END;
                }
                case DEPOSIT, FAUCET, WITHDRAW, REQUEST_WITHDRAWAL -> {
                    c.assetId = buffer.getInt(CommandLayout.Funds.ASSET, LE);
                    c.amount = buffer.getLong(CommandLayout.Funds.AMOUNT, LE);
                    yield c.type == CommandType.DEPOSIT && (flags & CommandLayout.FLAG_CLIENT_ID) != 0
                        ? getClientId(c, CommandLayout.Funds.END) : CommandLayout.Funds.END;
                }
                case COMPLETE_WITHDRAWAL, REJECT_WITHDRAWAL -> {
                    c.withdrawalId = buffer.getLong(CommandLayout.Withdrawal.ID, LE);
                    yield CommandLayout.Withdrawal.END;
                }
                case FREEZE_ACCOUNT, UNFREEZE_ACCOUNT -> {
                    c.cancelOrders = (flags & CommandLayout.FLAG_CANCEL_ORDERS) != 0;
                    yield CommandLayout.Freeze.END;
                }
                case TRANSFER -> {
                    c.assetId = buffer.getInt(CommandLayout.Transfer.ASSET, LE);
                    c.amount = buffer.getLong(CommandLayout.Transfer.AMOUNT, LE);
                    c.fromWallet = optional(bytes[CommandLayout.Transfer.FROM], Wallet::fromCode);
                    c.toWallet = optional(bytes[CommandLayout.Transfer.TO], Wallet::fromCode);
                    yield CommandLayout.Transfer.END;
                }
                case SET_MARKET_STATUS -> {
                    c.marketId = buffer.getInt(CommandLayout.MarketStatus.MARKET, LE);
                    c.marketStatus = optional(bytes[CommandLayout.MarketStatus.STATUS], MarketStatus::fromCode);
                    yield CommandLayout.MarketStatus.END;
                }
                case SET_MARKET_FEES -> {
                    c.marketId = buffer.getInt(CommandLayout.MarketFees.MARKET, LE);
                    c.makerFeeBps = buffer.getInt(CommandLayout.MarketFees.MAKER, LE);
                    c.takerFeeBps = buffer.getInt(CommandLayout.MarketFees.TAKER, LE);
                    yield CommandLayout.MarketFees.END;
                }
                case LIST_ASSET -> {
                    c.scale = buffer.getInt(CommandLayout.ListAsset.SCALE, LE);
                    yield (flags & CommandLayout.FLAG_CLIENT_ID) != 0 ? getClientId(c, CommandLayout.ListAsset.END)
                        : CommandLayout.ListAsset.END;
                }
                case LIST_MARKET -> {
                    c.assetId = buffer.getInt(CommandLayout.ListMarket.BASE, LE);
                    c.quoteAssetId = buffer.getInt(CommandLayout.ListMarket.QUOTE, LE);
                    c.tickDecimals = bytes[CommandLayout.ListMarket.TICK_DECIMALS];
                    c.tickUnits = buffer.getLong(CommandLayout.ListMarket.TICK_UNITS, LE);
                    c.lotDecimals = bytes[CommandLayout.ListMarket.LOT_DECIMALS];
                    c.lotUnits = buffer.getLong(CommandLayout.ListMarket.LOT_UNITS, LE);
                    c.minSizeLots = buffer.getLong(CommandLayout.ListMarket.MIN_SIZE, LE);
                    c.minNotional = buffer.getLong(CommandLayout.ListMarket.MIN_NOTIONAL, LE);
                    c.maxPriceTicks = buffer.getLong(CommandLayout.ListMarket.MAX_PRICE, LE);
                    c.maxSizeLots = buffer.getLong(CommandLayout.ListMarket.MAX_SIZE, LE);
                    c.makerFeeBps = buffer.getInt(CommandLayout.ListMarket.MAKER, LE);
                    c.takerFeeBps = buffer.getInt(CommandLayout.ListMarket.TAKER, LE);
                    c.marketStatus = optional(bytes[CommandLayout.ListMarket.STATUS], MarketStatus::fromCode);
                    yield CommandLayout.ListMarket.END;
                }
            };
        } catch (final IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (end != length) {
            return fail("a " + c.type.wireName() + " record must be " + end + " bytes, is " + length);
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

    private int putClientId(final Command c, final int at) {
        for (int w = 0; w < 4; w++) {
            buffer.putLong(at + 8 * w, c.clientOrderId.word(w), LE);
        }
        return at + CommandLayout.CLIENT_ID_LENGTH;
    }

    private int getClientId(final Command c, final int at) {
        c.clientOrderId.setWords(buffer.getLong(at, LE), buffer.getLong(at + 8, LE), buffer.getLong(at + 16, LE),
            buffer.getLong(at + 24, LE));
        return at + CommandLayout.CLIENT_ID_LENGTH;
    }

    private static byte code(final WireEnum value) {
        return (byte) (value == null ? 0 : value.code() + 1);
    }

    /** The constant whose code is {@code stored - 1}, or null for 0; an unknown code throws. */
    private static <E> E optional(final byte stored, final IntFunction<E> fromCode) {
        return stored == 0 ? null : fromCode.apply((stored & 0xFF) - 1);
    }
}
