package io.tidemark.node.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The four stage handlers of the pipeline, in this order; each is run by its own thread ({@link Topology#STAGED})
 * or all four by the one core thread through {@link FusedStage} ({@link Topology#FUSED}).
 */
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
        /** Commands arrive stamped by an upstream sequencer (a cluster's log): keep the stamps, check the order. */
        private final boolean sequencedUpstream;
        private long sequence;
        private long timestamp;

        JournalStage(final Journal journal, final EpochNanoClock clock, final boolean sequencedUpstream,
                     final Pipeline pipeline) {
            this.journal = journal;
            this.clock = clock;
            this.sequencedUpstream = sequencedUpstream;
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
                if (!sequencedUpstream) {
                    command.sequence = sequence + 1;
                    command.timestamp = Math.max(clock.nanoTime(), timestamp);
                }
                if (command.sequence != sequence + 1) {
                    // only the upstream's feed may submit here; anything else is refused, not applied
                    slot.failure = SlotFailure.JOURNAL;
                    LOG.error("event=out_of_sequence_command sequence={} last={}", command.sequence, sequence);
                } else {
                    try {
                        slot.journalPosition = journal.append(command);
                        sequence = command.sequence;
                        timestamp = command.timestamp;
                    } catch (final RuntimeException e) {
                        slot.failure = SlotFailure.JOURNAL;
                        pipeline.stopAccepting("journal write failed", e);
                    }
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

    /**
     * Stage 2: the one thread that owns the engine. Encodes each command's events into its slot for the stages
     * after it; fused, where the views run on this thread, it hands them the events directly instead, and
     * encodes only for a submitter that reads them ({@link ReplyHandler#readsEvents}).
     */
    static final class EngineStage implements EventHandler<CommandSlot> {
        private final MatchingEngine engine;
        private final EngineEvents events;
        private final EventEncoder encoder;
        private final boolean direct;
        private final Pipeline pipeline;

        /** @param views the read models' fan-out when they run on this thread (fused), else null */
        EngineStage(final MatchingEngine engine, final EngineEvents events, final FanOut views, final Pipeline pipeline) {
            this.engine = engine;
            this.events = events;
            this.encoder = events.encoder();
            this.direct = views != null;
            this.pipeline = pipeline;
            events.views(views);
            events.encoding(!direct);
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
                final boolean encode = !direct || slot.handler != null && slot.handler.readsEvents();
                if (direct) {
                    events.encoding(encode);
                }
                if (encode) {
                    encoder.wrap(slot.events);
                }
                try {
                    engine.process(slot.command);
                    slot.eventsLength = encode ? encoder.length() : 0;
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

    /**
     * Stage 3: the read models, fed by the decoded events (staged) or already by the engine stage on the same
     * thread (fused); queries are answered here.
     */
    static final class ViewStage implements EventHandler<CommandSlot> {
        private final List<ReadModel> readModels;
        private final FanOut fanOut;
        private final Pipeline pipeline;

        /** @param decoding the fan-out that decodes each slot's events for the models, or null when fed directly */
        ViewStage(final List<ReadModel> readModels, final FanOut decoding, final Pipeline pipeline) {
            this.readModels = readModels;
            this.fanOut = decoding;
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
            if (fanOut != null && slot.kind == SlotKind.COMMAND && slot.failure == SlotFailure.NONE) {
                fanOut.deliver(slot.events, slot.eventsLength, slot.command);
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
            if (endOfBatch) {
                pipeline.endOfReplyBatch();
            }
        }
    }

    /**
     * All four stages on one thread ({@link Topology#FUSED}). The journal stage takes each slot as the ring
     * hands it; at the end of the ring's batch (after the journal's flush, so nothing is applied or answered
     * before it is durable) each slot of the batch goes through the engine stage, which hands its events
     * straight to the read models, and then the view stage, which lets its submitter read the views as of
     * that command; then the reply stage takes every slot. Each stage thus sees the same slots in the same
     * order, with the same end-of-batch marks, and the models the same events, as with a thread per stage:
     * one journal flush and one hand-off of replies per batch, and no event encoded or decoded that no other
     * thread reads.
     */
    static final class FusedStage implements EventHandler<CommandSlot> {
        private final RingBuffer<CommandSlot> ring;
        private final JournalStage journal;
        private final EngineStage engine;
        private final ViewStage views;
        private final ReplyStage reply;
        private final Pipeline pipeline;
        /** The ring sequence of the batch's first slot, or -1 between batches. */
        private long batchStart = -1;

        FusedStage(final RingBuffer<CommandSlot> ring, final JournalStage journal,
                   final EngineStage engine, final ViewStage views, final ReplyStage reply, final Pipeline pipeline) {
            this.ring = ring;
            this.journal = journal;
            this.engine = engine;
            this.views = views;
            this.reply = reply;
            this.pipeline = pipeline;
        }

        @Override
        public void onStart() {
            pipeline.stageStarted();
        }

        @Override
        public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch) {
            if (batchStart < 0) {
                batchStart = ringSequence;
            }
            journal.onEvent(slot, ringSequence, endOfBatch);
            if (!endOfBatch) {
                return;
            }
            final long first = batchStart;
            batchStart = -1;
            for (long s = first; s <= ringSequence; s++) {
                final CommandSlot applied = ring.get(s);
                engine.onEvent(applied, s, s == ringSequence);
                views.onEvent(applied, s, s == ringSequence);
            }
            for (long s = first; s <= ringSequence; s++) {
                reply.onEvent(ring.get(s), s, s == ringSequence);
            }
        }
    }
}
