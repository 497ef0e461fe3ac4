package io.tidemark.engine.testkit;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;

/** Engine events as values, so tests can compare and print them. */
public sealed interface EngineEvent {
    record Accepted(long ts, long orderId, long accountId, int marketId, Side side, OrderType type, TimeInForce tif,
                    boolean postOnly, SelfTradePrevention stp, long price, long stopPrice, long size, long funds,
                    long filled, OrderStatus status, String clientOrderId, long createdTime) implements EngineEvent { }

    record Triggered(long ts, long orderId, long accountId, int marketId) implements EngineEvent { }

    record Amended(long ts, long orderId, long accountId, int marketId, long price, long size, long filled,
                   boolean priorityKept) implements EngineEvent { }

    record Trade(long ts, long tradeId, int marketId, long price, long size, Side takerSide, long takerOrderId,
                 long takerAccountId, long takerFee, long makerOrderId, long makerAccountId, long makerFee)
        implements EngineEvent { }

    record Closed(long ts, long orderId, long accountId, int marketId, OrderStatus status, CancelReason reason,
                  long filled) implements EngineEvent { }

    record Rejected(long ts, long orderId, long accountId, int marketId, ResultCode reason) implements EngineEvent { }

    record Balance(long ts, long accountId, int assetId, Wallet wallet, long available, long hold)
        implements EngineEvent { }

    record Level(long ts, int marketId, Side side, long price, long totalSize, int orderCount)
        implements EngineEvent { }

    record MarketStatusChanged(long ts, int marketId, MarketStatus status) implements EngineEvent { }

    record Complete(long sequence, CommandType type, ResultCode result, long resultId) implements EngineEvent { }
}
