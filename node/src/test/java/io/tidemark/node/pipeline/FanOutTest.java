package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutTest {
    private final List<String> calls = new ArrayList<>();

    /** Records each call it gets as "name:event". */
    private final class Recording extends IgnoringListener implements ReadModel {
        private final String name;
        private final Set<Event> events;

        Recording(final String name, final Set<Event> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public Set<Event> events() {
            return events;
        }

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                            final long makerOrderId, final long makerAccountId, final long makerFee) {
            calls.add(name + ":trade");
        }

        @Override
        public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet,
                                     final long available, final long hold) {
            calls.add(name + ":balance");
        }

        @Override
        public void onLevelChanged(final long ts, final int marketId, final Side side, final long price,
                                   final long totalSize, final int orderCount) {
            calls.add(name + ":level");
        }

        @Override
        public void onCommandComplete(final Command command) {
            calls.add(name + ":end");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void writeSnapshot(final SnapshotOutput out) {
        }

        @Override
        public void readSnapshot(final SnapshotInput in) {
        }
    }

    private void deliverATradeCommand(final FanOut fanOut) {
        final EventEncoder encoder = new EventEncoder();
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(256);
        encoder.wrap(buffer);
        encoder.onLevelChanged(1, 0, Side.SELL, 100, 0, 0);
        encoder.onTrade(1, 7, 0, 100, 5, Side.BUY, 2, 20, 1, 1, 10, 0);
        encoder.onBalanceChanged(1, 20, 0, Wallet.SPOT, 5, 0);
        fanOut.deliver(buffer, encoder.length(), new Command());
    }

    @Test
    void eachEventGoesOnlyToTheModelsThatReadItInRegistrationOrder() {
        final FanOut fanOut = new FanOut(List.of(
            new Recording("all", EnumSet.allOf(ReadModel.Event.class)),
            new Recording("tradesOnly", EnumSet.of(ReadModel.Event.TRADE, ReadModel.Event.COMMAND_COMPLETE)),
            new Recording("levelsToo", EnumSet.of(ReadModel.Event.LEVEL_CHANGED, ReadModel.Event.TRADE))));
        deliverATradeCommand(fanOut);
        assertThat(calls).containsExactly("all:level", "levelsToo:level", "all:trade", "tradesOnly:trade",
            "levelsToo:trade", "all:balance", "all:end", "tradesOnly:end");
    }

    @Test
    void aLoneModelThatReadsSomeEventsIsSparedTheRest() {
        deliverATradeCommand(new FanOut(List.of(new Recording("tradesOnly", EnumSet.of(ReadModel.Event.TRADE)))));
        assertThat(calls).containsExactly("tradesOnly:trade");
    }
}
