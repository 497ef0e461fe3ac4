package io.tidemark.benchmarks.rest;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rest harness still works: one second of signed places and cancels against both targets. */
class RestBenchmarkSmokeTest {
    @TempDir
    Path dir;

    @Test
    void drivesTheGatewayAndTheHelloServerWithSignedRequests() throws Exception {
        final LoadGenerator.Options options = new LoadGenerator.Options(2, 400, 1, 0.2, 1.0);
        try (LoadGenerator generator = new LoadGenerator(1);
             HelloServer hello = new HelloServer(1);
             GatewayTarget gateway = new GatewayTarget(dir, 1)) {
            final List<LoadGenerator.Credentials> keys = gateway.keys(2);
            for (final var target : List.of(new Object[] {"hello", hello.port()}, new Object[] {"gateway", gateway.port()})) {
                final LoadGenerator.Result result = generator.run((String) target[0],
                    new InetSocketAddress("127.0.0.1", (Integer) target[1]), keys, options);
                assertThat(result.statuses()).as(result.line()).containsOnlyKeys(200);
                assertThat(result.requests()).as(result.line()).isBetween(300L, 500L);
                assertThat(result.places()).as("places").isGreaterThan(0);
                assertThat(result.cancels()).as("cancels (ids from the place responses)").isGreaterThan(0);
                assertThat(result.unanswered() + result.connectionErrors()).isZero();
                assertThat(result.latency().getTotalCount()).isEqualTo(result.requests());
            }
        }
    }

    @Test
    void closedLoopKeepsRequestsInFlight() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(1); HelloServer hello = new HelloServer(1)) {
            final LoadGenerator.Result result = generator.run("hello", new InetSocketAddress("127.0.0.1", hello.port()),
                List.of(new LoadGenerator.Credentials("k", "s")), new LoadGenerator.Options(2, 0, 2, 0.1, 1.0));
            assertThat(result.statuses()).containsOnlyKeys(200);
            // each answer sends the next request (a rate would say more about the machine's load than the loop)
            assertThat(result.requests()).as(result.line()).isGreaterThan(2 * 2);
            assertThat(result.unanswered()).as("at most the depth in flight per connection").isLessThanOrEqualTo(2 * 2);
        }
    }

    @Test
    void aGeneratorInItsOwnProcessDrivesTheHelloServerAndReportsItsRun() throws Exception {
        try (GeneratorProcess generator = new GeneratorProcess(1); HelloServer hello = new HelloServer(1)) {
            final GeneratorProcess.Run run = generator.run("hello", new InetSocketAddress("127.0.0.1", hello.port()),
                List.of(new LoadGenerator.Credentials("k", "s")), new LoadGenerator.Options(2, 400, 1, 0.2, 1.0));
            final LoadGenerator.Result result = run.result();
            assertThat(result.target()).isEqualTo("hello");
            assertThat(result.statuses()).as(result.line()).containsOnlyKeys(200);
            assertThat(result.requests()).as(result.line()).isBetween(300L, 500L);
            assertThat(result.latency().getTotalCount()).isEqualTo(result.requests());
            assertThat(run.clientCpuNanos()).as("the generator process's CPU over the run").isPositive();
        }
    }

    @Test
    void aGatewayInItsOwnProcessTakesSignedOrdersFromItsKeysAndReportsItsThreads() throws Exception {
        try (GeneratorProcess generator = new GeneratorProcess(1);
             ServerProcess gateway = new ServerProcess("gateway", 1, dir, 2)) {
            assertThat(gateway.keys()).hasSize(2);
            final ServerProcess.Stats before = gateway.stats();
            final LoadGenerator.Result result = generator.run("gateway", new InetSocketAddress("127.0.0.1", gateway.port()),
                gateway.keys(), new LoadGenerator.Options(2, 400, 1, 0.2, 1.0)).result();
            final ServerProcess.Stats after = gateway.stats();
            assertThat(result.statuses()).as(result.line()).containsOnlyKeys(200);
            assertThat(result.places()).isGreaterThan(0);
            assertThat(after.processCpuNanos()).isGreaterThan(before.processCpuNanos());
            assertThat(after.cpuByPart().get("gateway-netty")).as("the event loops' CPU")
                .isGreaterThan(before.cpuByPart().getOrDefault("gateway-netty", 0L));
            assertThat(after.allocatedByPart()).containsKey("stage-core");
        }
    }

    @Test
    void aRunsResultCrossesBetweenTheProcessesIntact() {
        final org.HdrHistogram.Histogram latency = new org.HdrHistogram.Histogram(java.util.concurrent.TimeUnit.SECONDS.toNanos(60), 3);
        latency.recordValue(1_234_567);
        latency.recordValue(89_000);
        final LoadGenerator.Options options = new LoadGenerator.Options(16, 0, 4, 5, 8);
        final LoadGenerator.Result sent = new LoadGenerator.Result("gateway", options, 100, 51, 49, 8.5, latency,
            new java.util.TreeMap<>(java.util.Map.of(200, 98L, 503, 2L)), 3, 1, 97);
        final GeneratorProcess.Run received = GeneratorProcess.decode(GeneratorProcess.encode(sent, 42_000), options);
        assertThat(received.clientCpuNanos()).isEqualTo(42_000);
        assertThat(received.result().line()).isEqualTo(sent.line());
        assertThat(received.result().latency()).isEqualTo(latency);
        assertThat(received.result().answered()).isEqualTo(97);
    }

    @Test
    void readsTheOrderIdOfAResponse() {
        assertThat(LoadGenerator.orderId(Unpooled.copiedBuffer("{\"id\":\"42\",\"client_order_id\":null}", StandardCharsets.UTF_8)))
            .isEqualTo("42");
        assertThat(LoadGenerator.orderId(Unpooled.copiedBuffer("{\"error\":{}}", StandardCharsets.UTF_8))).isNull();
    }
}
