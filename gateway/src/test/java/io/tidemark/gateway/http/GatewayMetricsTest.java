package io.tidemark.gateway.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.tidemark.gateway.ws.WsOp;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

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

    @Test
    void responsesAreCountedAndTheirLatencyShowsAsATimerAndRecentQuantiles() {
        final GatewayMetrics metrics = new GatewayMetrics(WsOp.wireNames());
        for (int i = 0; i < 100; i++) {
            final ApiRequest request = new ApiRequest(i, HttpMethod.GET, "/v1/nowhere", new DefaultHttpHeaders(), new byte[0],
                true, InetAddress.getLoopbackAddress());
            metrics.response(ApiResponse.raw(request, new byte[0], "application/json"));
        }
        final String text = metrics.scrape();
        assertThat(text).contains("tidemark_http_requests_total{route=\"unmatched\",status=\"200\"} 100.0")
            .contains("tidemark_http_request_latency_seconds_count{route=\"unmatched\"} 100")
            .containsPattern("tidemark_http_request_latency_recent_seconds\\{quantile=\"0.99\",route=\"unmatched\"} [0-9.E-]+")
            .doesNotContain("tidemark_http_request_latency_recent_seconds{quantile=\"0.99\",route=\"unmatched\"} 0.0");
        // the quantiles cover what came since the previous scrape
        assertThat(metrics.scrape()).contains("tidemark_http_request_latency_recent_seconds{quantile=\"0.99\",route=\"unmatched\"} 0.0");
    }
}
