package io.tidemark.engine.event;

/**
 * The tag byte of each event in an encoded event stream. Written to memory only (the ring), but the
 * codes are fixed beside each constant and never renumbered, like every code in a binary layout.
 */
enum EventType {
    ORDER_ACCEPTED(0),
    ORDER_TRIGGERED(1),
    ORDER_AMENDED(2),
    TRADE(3),
    ORDER_CLOSED(4),
    ORDER_REJECTED(5),
    BALANCE_CHANGED(6),
    LEVEL_CHANGED(7),
    MARKET_STATUS_CHANGED(8);

    private static final EventType[] BY_CODE = new EventType[values().length];

    static {
        for (final EventType type : values()) {
            if (BY_CODE[type.code] != null) {
                throw new IllegalStateException(type + " and " + BY_CODE[type.code] + " share code " + type.code);
            }
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;

    EventType(final int code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static EventType of(final byte code) {
        return BY_CODE[code];
    }
}
