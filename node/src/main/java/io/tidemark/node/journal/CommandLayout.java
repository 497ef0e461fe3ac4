package io.tidemark.node.journal;

/**
 * The one definition of a journal record's byte layout (little-endian): the offset of each field, by
 * command type, that {@link CommandCodec} encodes and decodes through. Enums are one byte holding their
 * explicit code plus one, 0 meaning absent. A record's body carries only the fields its type uses; a
 * client order id (four longs) follows the body when the flag says so. Pinned by
 * {@code CommandCodecTest.eachCommandTypeEncodesToItsGoldenBytes} and the golden data directory.
 */
final class CommandLayout {
    static final int VERSION = 0;
    static final int TYPE = 1;
    static final int FLAGS = 2;
    static final int RESERVED = 3;
    static final int CRC = 4;
    static final int SEQUENCE = 8;
    static final int TIMESTAMP = 16;
    static final int ACCOUNT = 24;
    static final int BODY = 32;

    static final int FLAG_CLIENT_ID = 1;
    static final int FLAG_POST_ONLY = 2;
    /** A freeze that also cancels the account's open orders. */
    static final int FLAG_CANCEL_ORDERS = 4;
    static final int CLIENT_ID_LENGTH = 4 * 8;

    /** The generation header: the configuration fingerprint the journal was written under. */
    static final int HEADER_FINGERPRINT = 8;
    static final int HEADER_FIRST_SEQUENCE = 16;
    static final int HEADER_LENGTH = 24;

    private CommandLayout() {
    }

    static final class Place {
        static final int MARKET = BODY;
        static final int SIDE = MARKET + 4;
        static final int ORDER_TYPE = SIDE + 1;
        static final int TIME_IN_FORCE = ORDER_TYPE + 1;
        static final int SELF_TRADE_PREVENTION = TIME_IN_FORCE + 1;
        static final int PRICE = SELF_TRADE_PREVENTION + 1;
        static final int STOP_PRICE = PRICE + 8;
        static final int SIZE = STOP_PRICE + 8;
        static final int FUNDS = SIZE + 8;
        static final int END = FUNDS + 8;

        private Place() {
        }
    }

    static final class Cancel {
        static final int ORDER_ID = BODY;
        static final int END = ORDER_ID + 8;

        private Cancel() {
        }
    }

    static final class CancelAll {
        static final int MARKET = BODY;
        static final int END = MARKET + 4;

        private CancelAll() {
        }
    }

    static final class Amend {
        static final int ORDER_ID = BODY;
        static final int PRICE = ORDER_ID + 8;
        static final int SIZE = PRICE + 8;
        static final int END = SIZE + 8;

        private Amend() {
        }
    }

    /** Deposits (a reference follows as a client order id when flagged), withdrawals and withdrawal requests. */
    static final class Funds {
        static final int ASSET = BODY;
        static final int AMOUNT = ASSET + 4;
        static final int END = AMOUNT + 8;

        private Funds() {
        }
    }

    /** Completing or rejecting a pending withdrawal. */
    static final class Withdrawal {
        static final int ID = BODY;
        static final int END = ID + 8;

        private Withdrawal() {
        }
    }

    /** Freezing or unfreezing an account: the account is all it needs. */
    static final class Freeze {
        static final int END = BODY;

        private Freeze() {
        }
    }

    static final class Transfer {
        static final int ASSET = BODY;
        static final int AMOUNT = ASSET + 4;
        static final int FROM = AMOUNT + 8;
        static final int TO = FROM + 1;
        static final int END = TO + 1;

        private Transfer() {
        }
    }

    static final class MarketStatus {
        static final int MARKET = BODY;
        static final int STATUS = MARKET + 4;
        static final int END = STATUS + 1;

        private MarketStatus() {
        }
    }

    /** A market's new maker and taker fees (bps). */
    static final class MarketFees {
        static final int MARKET = BODY;
        static final int MAKER = MARKET + 4;
        static final int TAKER = MAKER + 4;
        static final int END = TAKER + 4;

        private MarketFees() {
        }
    }

    /** An asset listed at run time: its scale; its symbol follows as a client order id. */
    static final class ListAsset {
        static final int SCALE = BODY;
        static final int END = SCALE + 4;

        private ListAsset() {
        }
    }

    /** A market listed at run time, in engine units (see {@code Listing}). */
    static final class ListMarket {
        static final int BASE = BODY;
        static final int QUOTE = BASE + 4;
        static final int TICK_DECIMALS = QUOTE + 4;
        static final int TICK_UNITS = TICK_DECIMALS + 1;
        static final int LOT_DECIMALS = TICK_UNITS + 8;
        static final int LOT_UNITS = LOT_DECIMALS + 1;
        static final int MIN_SIZE = LOT_UNITS + 8;
        static final int MIN_NOTIONAL = MIN_SIZE + 8;
        static final int MAX_PRICE = MIN_NOTIONAL + 8;
        static final int MAX_SIZE = MAX_PRICE + 8;
        static final int MAKER = MAX_SIZE + 8;
        static final int TAKER = MAKER + 4;
        static final int STATUS = TAKER + 4;
        static final int END = STATUS + 1;

        private ListMarket() {
        }
    }
}
