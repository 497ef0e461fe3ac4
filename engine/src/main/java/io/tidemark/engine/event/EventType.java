package io.tidemark.engine.event;

/** The tag byte of each event in an encoded event stream. Written to memory only, but never renumber. */
enum EventType {
    ORDER_ACCEPTED,
    ORDER_TRIGGERED,
    ORDER_AMENDED,
    TRADE,
    ORDER_CLOSED,
    ORDER_REJECTED,
    BALANCE_CHANGED,
    LEVEL_CHANGED,
    MARKET_STATUS_CHANGED;

    private static final EventType[] VALUES = values();

    static EventType of(final byte code) {
        return VALUES[code];
    }
}
