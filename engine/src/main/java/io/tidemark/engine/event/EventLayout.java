package io.tidemark.engine.event;

/**
 * The one definition of the event stream's byte layout: for each event, the offset of every field from
 * the event's first byte (its {@link EventType} tag) and the event's length. {@link EventEncoder} writes
 * and {@link EventDecoder} reads through these constants only, so the two cannot disagree. Native byte
 * order (the stream never leaves the process); enums as their explicit one-byte codes; booleans as 0/1.
 * The golden data directory test pins the resulting bytes.
 */
final class EventLayout {
    static final int TAG = 0;

    private EventLayout() {
    }

    /** An order the engine accepted, whole: the views keep a copy. */
    static final class OrderAccepted {
        static final int ORDER_ID = 1;
        static final int ACCOUNT_ID = ORDER_ID + 8;
        static final int MARKET_ID = ACCOUNT_ID + 8;
        static final int SIDE = MARKET_ID + 4;
        static final int ORDER_TYPE = SIDE + 1;
        static final int TIME_IN_FORCE = ORDER_TYPE + 1;
        static final int POST_ONLY = TIME_IN_FORCE + 1;
        static final int SELF_TRADE_PREVENTION = POST_ONLY + 1;
        static final int STATUS = SELF_TRADE_PREVENTION + 1;
        static final int PRICE = STATUS + 1;
        static final int STOP_PRICE = PRICE + 8;
        static final int SIZE = STOP_PRICE + 8;
        static final int FUNDS = SIZE + 8;
        static final int FILLED = FUNDS + 8;
        static final int CREATED_TIME = FILLED + 8;
        /** Four longs: the client order id's packed words. */
        static final int CLIENT_ORDER_ID = CREATED_TIME + 8;
        static final int LENGTH = CLIENT_ORDER_ID + 4 * 8;

        private OrderAccepted() {
        }
    }

    /** The first three fields of every order event after the tag. */
    static final class OrderRef {
        static final int ORDER_ID = 1;
        static final int ACCOUNT_ID = ORDER_ID + 8;
        static final int MARKET_ID = ACCOUNT_ID + 8;
        static final int END = MARKET_ID + 4;

        private OrderRef() {
        }
    }

    static final class OrderTriggered {
        static final int LENGTH = OrderRef.END;

        private OrderTriggered() {
        }
    }

    static final class OrderAmended {
        static final int PRICE = OrderRef.END;
        static final int SIZE = PRICE + 8;
        static final int FILLED = SIZE + 8;
        static final int PRIORITY_KEPT = FILLED + 8;
        static final int LENGTH = PRIORITY_KEPT + 1;

        private OrderAmended() {
        }
    }

    static final class OrderClosed {
        static final int STATUS = OrderRef.END;
        static final int CANCEL_REASON = STATUS + 1;
        static final int FILLED = CANCEL_REASON + 1;
        static final int LENGTH = FILLED + 8;

        private OrderClosed() {
        }
    }

    static final class OrderRejected {
        static final int RESULT = OrderRef.END;
        static final int LENGTH = RESULT + 1;

        private OrderRejected() {
        }
    }

    static final class Trade {
        static final int TRADE_ID = 1;
        static final int MARKET_ID = TRADE_ID + 8;
        static final int PRICE = MARKET_ID + 4;
        static final int SIZE = PRICE + 8;
        static final int TAKER_SIDE = SIZE + 8;
        static final int TAKER_ORDER_ID = TAKER_SIDE + 1;
        static final int TAKER_ACCOUNT_ID = TAKER_ORDER_ID + 8;
        static final int TAKER_FEE = TAKER_ACCOUNT_ID + 8;
        static final int MAKER_ORDER_ID = TAKER_FEE + 8;
        static final int MAKER_ACCOUNT_ID = MAKER_ORDER_ID + 8;
        static final int MAKER_FEE = MAKER_ACCOUNT_ID + 8;
        static final int LENGTH = MAKER_FEE + 8;

        private Trade() {
        }
    }

    static final class BalanceChanged {
        static final int ACCOUNT_ID = 1;
        static final int ASSET_ID = ACCOUNT_ID + 8;
        static final int WALLET = ASSET_ID + 4;
        static final int AVAILABLE = WALLET + 1;
        static final int HOLD = AVAILABLE + 8;
        static final int LENGTH = HOLD + 8;

        private BalanceChanged() {
        }
    }

    static final class LevelChanged {
        static final int MARKET_ID = 1;
        static final int SIDE = MARKET_ID + 4;
        static final int PRICE = SIDE + 1;
        static final int TOTAL_SIZE = PRICE + 8;
        static final int ORDER_COUNT = TOTAL_SIZE + 8;
        static final int LENGTH = ORDER_COUNT + 4;

        private LevelChanged() {
        }
    }

    static final class MarketStatusChanged {
        static final int MARKET_ID = 1;
        static final int STATUS = MARKET_ID + 4;
        static final int LENGTH = STATUS + 1;

        private MarketStatusChanged() {
        }
    }
}
