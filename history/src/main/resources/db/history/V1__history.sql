-- The history store. Money and sizes are integers in the engine's units (ticks, lots, asset minor units);
-- enums are the engine's wire codes. Every list is read newest first by keyset on an id, never OFFSET.

-- Every order at its latest state (open, pending_trigger, partially filled, filled, cancelled, rejected).
CREATE TABLE orders (
    order_id        BIGINT      NOT NULL PRIMARY KEY,
    account_id      BIGINT      NOT NULL,
    market_id       INTEGER     NOT NULL,
    side            SMALLINT    NOT NULL,
    order_type      SMALLINT    NOT NULL,
    time_in_force   SMALLINT    NOT NULL,
    post_only       SMALLINT    NOT NULL,
    stp             SMALLINT    NOT NULL,
    price           BIGINT      NOT NULL,
    stop_price      BIGINT      NOT NULL,
    size            BIGINT      NOT NULL,
    funds           BIGINT      NOT NULL,
    filled          BIGINT      NOT NULL,
    filled_value    BIGINT      NOT NULL,
    fees            BIGINT      NOT NULL,
    status          SMALLINT    NOT NULL,
    cancel_reason   SMALLINT    NOT NULL,
    reject_reason   SMALLINT,
    triggered       SMALLINT    NOT NULL,
    client_order_id VARCHAR(36),
    created_time    BIGINT      NOT NULL,
    updated_time    BIGINT      NOT NULL,
    closed          SMALLINT    NOT NULL
);
CREATE INDEX orders_by_account ON orders (account_id, order_id);
CREATE INDEX orders_by_account_closed ON orders (account_id, closed, order_id);
CREATE INDEX orders_by_client_id ON orders (account_id, client_order_id);
CREATE INDEX orders_closed_by_time ON orders (closed, updated_time);

-- Every execution, once per side's account.
CREATE TABLE fills (
    account_id  BIGINT   NOT NULL,
    trade_id    BIGINT   NOT NULL,
    order_id    BIGINT   NOT NULL,
    market_id   INTEGER  NOT NULL,
    side        SMALLINT NOT NULL,
    price       BIGINT   NOT NULL,
    size        BIGINT   NOT NULL,
    fee         BIGINT   NOT NULL,
    liquidity   SMALLINT NOT NULL,
    time        BIGINT   NOT NULL,
    PRIMARY KEY (account_id, trade_id)
);
CREATE INDEX fills_by_time ON fills (time);

-- Every change of a wallet's total (available + hold), with the total after it. type: 0 trade, 1 fee,
-- 2 deposit, 3 withdrawal, 4 withdrawal_refund, 5 transfer, 6 faucet, 7 carried_forward.
CREATE TABLE ledger (
    id            BIGINT   NOT NULL PRIMARY KEY,
    account_id    BIGINT   NOT NULL,
    asset_id      INTEGER  NOT NULL,
    wallet        SMALLINT NOT NULL,
    amount        BIGINT   NOT NULL,
    balance_after BIGINT   NOT NULL,
    type          SMALLINT NOT NULL,
    ref           BIGINT   NOT NULL,
    time          BIGINT   NOT NULL
);
CREATE INDEX ledger_by_account ON ledger (account_id, id);
CREATE INDEX ledger_by_account_asset ON ledger (account_id, asset_id, id);
CREATE INDEX ledger_by_wallet_time ON ledger (account_id, asset_id, wallet, time);

-- Each wallet's total as of the store's sequence: where the next ledger entry's amount is measured from.
CREATE TABLE wallet_totals (
    account_id BIGINT   NOT NULL,
    asset_id   INTEGER  NOT NULL,
    wallet     SMALLINT NOT NULL,
    total      BIGINT   NOT NULL,
    PRIMARY KEY (account_id, asset_id, wallet)
);

-- One row: the journal sequence whose events are all in the store, and the next ledger id.
CREATE TABLE progress (
    id             INTEGER NOT NULL PRIMARY KEY,
    sequence       BIGINT  NOT NULL,
    next_ledger_id BIGINT  NOT NULL
);
INSERT INTO progress (id, sequence, next_ledger_id) VALUES (1, 0, 1);
