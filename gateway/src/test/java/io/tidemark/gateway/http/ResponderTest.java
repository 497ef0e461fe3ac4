package io.tidemark.gateway.http;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponderTest {
    @Test
    void everyRequestOfAConnectionRunsItsContinuationsOnTheConnectionsOneEventLoop() {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final InetAddress client = InetAddress.getLoopbackAddress();
        final Responder first = new Responder(channel, ApiRequest.unread(1, client));
        final Responder second = new Responder(channel, ApiRequest.unread(2, client));
        // distinct guards (each answers its own request's failures) over one loop, so a batch of replies can
        // travel to that loop as one task
        assertThat(first.executor()).isNotSameAs(second.executor());
        assertThat(((Responder.Guarded) first.executor()).eventLoop()).isSameAs(channel.eventLoop())
            .isSameAs(((Responder.Guarded) second.executor()).eventLoop());
        final List<String> ran = new ArrayList<>();
        first.executor().execute(() -> ran.add("first"));
        ((Responder.Guarded) second.executor()).runHere(() -> ran.add("second, in place"));
        channel.runPendingTasks();
        assertThat(ran).containsExactly("second, in place", "first");
        channel.finishAndReleaseAll();
    }
}
