-- The operator's audit log: every admin action with the key that made it, its parameters and its result
-- (both JSON text, secrets never included), and its time (epoch ns). Written by the gateway when the action
-- is answered; it cannot be rebuilt from the journal (the journal does not know keys), so deleting the
-- store loses it.
CREATE TABLE admin_audit (
    id      BIGINT       NOT NULL PRIMARY KEY,
    key_id  VARCHAR(64)  NOT NULL,
    action  VARCHAR(64)  NOT NULL,
    params  TEXT         NOT NULL,
    result  TEXT         NOT NULL,
    time    BIGINT       NOT NULL
);

-- Where each withdrawal goes: the address a client gave (the engine's journal records carry no text).
CREATE TABLE withdrawal_addresses (
    withdrawal_id BIGINT       NOT NULL PRIMARY KEY,
    address       VARCHAR(128) NOT NULL
);
