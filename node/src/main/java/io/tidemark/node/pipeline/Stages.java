package io.tidemark.node.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventDecoder;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The four stage handlers of the pipeline, each run by its own thread, in this order. */
final class Stages {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private Stages() {
    }

    /**
     * Stage 1, the sequencer: stamps each command with the next sequence number and a timestamp that
     * never goes backwards, and appends it to the journal. Only commands reach the journal.
     */
    static final class JournalStage implements EventHandler<CommandSlot> {
        private final Journal journal;
        private final EpochNanoClock clock;
        private final Pipeline pipeline;
        private long sequence;
        private long timestamp;

        JournalStage(final Journal journal, final EpochNanoClock clock, final Pipeline pipeline) {
            this.journal = journal;
            this.clock = clock;
            this.pipeline = pipeline;
            this.sequence = journal.lastSequence();
            this.timestamp = journal.lastTimestamp();
        }

        @Override
        public void onStart() {
            pipeline.stageStarted();
        }

        @Override
        public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch) {
            if (slot.kind == SlotKind.COMMAND) {
                final Command command = slot.command;
                command.sequence = sequence + 1;
                command.timestamp = Math.max(clock.nanoTime(), timestamp);
                try {
                    slot.journalPosition = journal.append(command);
                    sequence = command.sequence;
                    timestamp = command.timestamp;
                } catch (final RuntimeException e) {
                    slot.failure = SlotFailure.JOURNAL;
                    pipeline.stopAccepting("journal write failed", e);
                }
            } else if (slot.kind == SlotKind.SNAPSHOT) {
                slot.snapshot.sequence = sequence;
                slot.snapshot.timestamp = timestamp;
                slot.snapshot.journalPosition = journal.lastPosition();
            }
            if (endOfBatch) {
                try {
                    journal.endOfBatch();
                } catch (final RuntimeException e) {
                    pipeline.stopAccepting("journal sync failed", e);
                }
            }
        }
    }

    /** Stage 2: the one thread that owns the engine. Encodes each command's events into its slot. */
    static final class EngineStage implements EventHandler<CommandSlot> {
        private final MatchingEngine engine;
        private final EventEncoder encoder;
        private final Pipeline pipeline;

        EngineStage(final MatchingEngine engine, final EventEncoder encoder, final Pipeline pipeline) {
            this.engine = engine;
            this.encoder = encoder;
            this.pipeline = pipeline;
        }

        @Override
        public void onStart() {
            pipeline.stageStarted();
        }

        @Override
        public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch) {
            if (slot.kind == SlotKind.COMMAND) {
                if (slot.failure != SlotFailure.NONE) {
                    return;
                }
                encoder.wrap(slot.events);
                try {
                    engine.process(slot.command);
                    slot.eventsLength = encoder.length();
                } catch (final RuntimeException e) {
                    slot.failure = SlotFailure.ENGINE;
                    slot.eventsLength = 0;
                    pipeline.stopAccepting("engine failed on " + slot.command, e);
                }
            } else if (slot.kind == SlotKind.SNAPSHOT) {
                engine.writeSnapshot(slot.snapshot.engine);
            }
        }
    }

    /** Stage 3: the read models, fed by the decoded events; queries are answered here. */
    static final class ViewStage implements EventHandler<CommandSlot> {
        private final List<ReadModel> readModels;
        private final EngineListener fanOut;
        private final EventDecoder decoder = new EventDecoder();
        private final Pipeline pipeline;

        ViewStage(final List<ReadModel> readModels, final Pipeline pipeline) {
            this.readModels = readModels;
            this.fanOut = readModels.size() == 1 ? readModels.get(0) : new FanOut(readModels);
            this.pipeline = pipeline;
        }

        @Override
        public void onStart() {
            pipeline.stageStarted();
        }

        @Override
        public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch) {
            if (slot.kind == SlotKind.SNAPSHOT) {
                for (final ReadModel model : readModels) {
                    final SnapshotOutput out = new SnapshotOutput(1 << 16);
                    model.writeSnapshot(out);
                    slot.snapshot.readModels.put(model.name(), out);
                }
                return;
            }
            if (slot.kind == SlotKind.COMMAND && slot.failure == SlotFailure.NONE) {
                decoder.decode(slot.events, slot.eventsLength, slot.command, fanOut);
            }
            final ReplyHandler handler = slot.handler;
            if (handler != null) {
                try {
                    handler.onViews(slot);
                } catch (final RuntimeException e) {
                    LOG.error("reply handler failed reading views for {}", slot.command, e);
                }
            }
        }
    }

    /** Stage 4: hands each slot back to whoever waits for it. */
    static final class ReplyStage implements EventHandler<CommandSlot> {
        private final Pipeline pipeline;

        ReplyStage(final Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void onStart() {
            pipeline.stageStarted();
        }

        @Override
        public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch) {
            final ReplyHandler handler = slot.handler;
            slot.handler = null;
            if (slot.kind == SlotKind.SNAPSHOT) {
                final SnapshotTask task = slot.snapshot;
                slot.snapshot = null;
                try {
                    task.ready();
                } catch (final RuntimeException e) {
                    LOG.error("snapshot hand-off failed", e);
                }
            }
            if (handler != null) {
                try {
                    handler.onReply(slot);
                } catch (final RuntimeException e) {
                    LOG.error("reply handler failed for {}", slot.command, e);
                }
            }
        }
    }

    /** Delivers each event to every read model in registration order. */
    private static final class FanOut implements EngineListener {
        private final ReadModel[] models;

        FanOut(final List<ReadModel> readModels) {
            this.models = readModels.toArray(ReadModel[]::new);
        }

        @Override
        public void onOrderAccepted(final long ts, final OrderView order) {
            for (final ReadModel m : models) {
                m.onOrderAccepted(ts, order);
            }
        }

        @Override
        public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
            for (final ReadModel m : models) {
                m.onOrderTriggered(ts, orderId, accountId, marketId);
            }
        }

        @Override
        public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                                   final long price, final long size, final long filled, final boolean kept) {
            for (final ReadModel m : models) {
                m.onOrderAmended(ts, orderId, accountId, marketId, price, size, filled, kept);
            }
        }

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId,
                            final long takerAccountId, final long takerFee, final long makerOrderId,
                            final long makerAccountId, final long makerFee) {
            for (final ReadModel m : models) {
                m.onTrade(ts, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
                    makerOrderId, makerAccountId, makerFee);
            }
        }

        @Override
        public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                                  final OrderStatus status,
                                  final CancelReason reason, final long filled) {
            for (final ReadModel m : models) {
                m.onOrderClosed(ts, orderId, accountId, marketId, status, reason, filled);
            }
        }

        @Override
        public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                    final ResultCode reason) {
            for (final ReadModel m : models) {
                m.onOrderRejected(ts, orderId, accountId, marketId, reason);
            }
        }

        @Override
        public void onBalanceChanged(final long ts, final long accountId, final int assetId,
                                     final Wallet wallet, final long available, final long hold) {
            for (final ReadModel m : models) {
                m.onBalanceChanged(ts, accountId, assetId, wallet, available, hold);
            }
        }

        @Override
        public void onLevelChanged(final long ts, final int marketId, final Side side,
                                   final long price, final long totalSize, final int orderCount) {
            for (final ReadModel m : models) {
                m.onLevelChanged(ts, marketId, side, price, totalSize, orderCount);
            }
        }

        @Override
        public void onMarketStatusChanged(final long ts, final int marketId,
                                          final MarketStatus status) {
            for (final ReadModel m : models) {
                m.onMarketStatusChanged(ts, marketId, status);
            }
        }

        @Override
        public void onCommandComplete(final Command command) {
            for (final ReadModel m : models) {
                m.onCommandComplete(command);
            }
        }
    }
}
