-- Fewer indexes that scatter writes. Every index keyed by account dirties one page per account per
-- transaction (each account's newest entries sit at the end of its own key range), so the writer's cost
-- grows with how many there are; indexes keyed by time or id only append at one end.
--
-- orders: the store serves `all` and `closed` lists (open orders are read from memory), so the
-- (account_id, order_id) index alone pages both, skipping the few open rows; the client-id index only
-- holds orders that have one; retention's index only holds closed orders, added at its end as they close.
DROP INDEX orders_by_account_closed;
DROP INDEX orders_by_client_id;
CREATE INDEX orders_by_client_id ON orders (account_id, client_order_id) WHERE client_order_id IS NOT NULL;
DROP INDEX orders_closed_by_time;
CREATE INDEX orders_closed_by_time ON orders (updated_time) WHERE closed = 1;

-- ledger: retention finds the entries before its cutoff by time (ids grow with time), then folds them
-- per wallet over that id range.
DROP INDEX ledger_by_wallet_time;
CREATE INDEX ledger_by_time ON ledger (time);
