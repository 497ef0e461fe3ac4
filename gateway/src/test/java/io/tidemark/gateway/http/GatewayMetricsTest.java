package io.tidemark.gateway.http;

import io.tidemark.gateway.ws.WsOp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMetricsTest {
    @Test
    void clientChosenWebSocketOpsCannotGrowTheRegistry() {
        final GatewayMetrics metrics = new GatewayMetrics(WsOp.wireNames());
        final int before = metrics.scrape().length();
        for (int i = 0; i < 1_000; i++) {
            metrics.websocketMessage("op-" + i);
        }
        metrics.websocketMessage("ping");
        final String text = metrics.scrape();
        assertThat(text).contains("tidemark_ws_messages_total{kind=\"unknown\"} 1000.0")
            .contains("tidemark_ws_messages_total{kind=\"ping\"} 1.0").doesNotContain("op-1");
        assertThat(text.length()).isLessThan(before + 100);
    }
}
