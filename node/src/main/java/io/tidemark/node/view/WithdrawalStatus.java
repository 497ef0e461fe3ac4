package io.tidemark.node.view;

import io.tidemark.engine.api.WireEnum;

/** Where a withdrawal stands. Codes are written to snapshots: never renumber. */
public enum WithdrawalStatus implements WireEnum {
    PENDING(0, "pending"),
    COMPLETED(1, "completed"),
    REJECTED(2, "rejected");

    private static final WithdrawalStatus[] VALUES = values();
    private static final WithdrawalStatus[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    WithdrawalStatus(final int code, final String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public int code() {
        return code;
    }

    public static WithdrawalStatus fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static WithdrawalStatus fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
