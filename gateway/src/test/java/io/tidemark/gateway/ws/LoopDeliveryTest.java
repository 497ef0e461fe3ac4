package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public fan-out's hand-off to an event loop: one task per command, written in order, one flush per channel. */
class LoopDeliveryTest {
    private static final StreamChannel BOOK = new StreamChannel(StreamChannel.Kind.ORDERBOOK, "orderbook:BTC-USD", 0, null);

    @Test
    void aCommandsMessagesReachEachSubscriberInOrderWithOneFlush() {
        final Connection a = new Connection();
        final Connection b = new Connection();
        final LoopDelivery delivery = new LoopDelivery(a.channel.eventLoop());
        for (final String message : List.of("delta", "trade", "ticker")) {
            delivery.collect(a.subscription);
            delivery.collect(b.subscription);
            delivery.stage(WsFrames.text(message.getBytes(StandardCharsets.US_ASCII)), 1);
        }
        assertThat(a.frames()).as("nothing goes before the command's end").isEmpty();
        delivery.hand();
        a.channel.runPendingTasks();
        assertThat(a.frames()).containsExactly("delta", "trade", "ticker");
        assertThat(b.frames()).containsExactly("delta", "trade", "ticker");
        assertThat(a.flushes).isEqualTo(1);
        assertThat(b.flushes).isEqualTo(1);
    }

    @Test
    void aMessageGoesOnlyToTheSubscribersCollectedForIt() {
        final Connection a = new Connection();
        final Connection b = new Connection();
        final LoopDelivery delivery = new LoopDelivery(a.channel.eventLoop());
        delivery.collect(a.subscription);
        delivery.stage(WsFrames.text("for-a".getBytes(StandardCharsets.US_ASCII)), 1);
        delivery.collect(b.subscription);
        delivery.stage(WsFrames.text("for-b".getBytes(StandardCharsets.US_ASCII)), 1);
        delivery.hand();
        a.channel.runPendingTasks();
        assertThat(a.frames()).containsExactly("for-a");
        assertThat(b.frames()).containsExactly("for-b");
    }

    @Test
    void anEndedSubscriptionGetsNothingAndTheSharedFrameIsReleased() {
        final Connection a = new Connection();
        final Connection b = new Connection();
        b.subscription.active = false;
        final LoopDelivery delivery = new LoopDelivery(a.channel.eventLoop());
        final ByteBuf frame = WsFrames.text("delta".getBytes(StandardCharsets.US_ASCII));
        delivery.collect(a.subscription);
        delivery.collect(b.subscription);
        delivery.stage(frame, 1);
        delivery.hand();
        a.channel.runPendingTasks();
        assertThat(a.frames()).containsExactly("delta");
        assertThat(b.frames()).isEmpty();
        assertThat(frame.refCnt()).as("every duplicate released once written").isZero();
    }

    /** An embedded channel with an outbox and a subscription, counting flushes. */
    private static final class Connection {
        final EmbeddedChannel channel;
        final Subscription subscription;
        int flushes;

        Connection() {
            channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(final ChannelHandlerContext ctx) {
                    flushes++;
                    ctx.flush();
                }
            });
            subscription = new Subscription(new Outbox(channel, 1 << 20, null, () -> { }), BOOK, 0);
        }

        List<String> frames() {
            final List<String> out = new ArrayList<>();
            for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
                final ByteBuf frame = (ByteBuf) message;
                out.add(frame.toString(2, frame.readableBytes() - 2, StandardCharsets.US_ASCII));
                frame.release();
            }
            return out;
        }
    }
}
