package io.tidemark.benchmarks.peer;

import io.tidemark.peer.workload.TradeDigest;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a peer workload file and checks it replays through Tidemark to the digest it records:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tidemark.benchmarks.peer.PeerWorkloadTool \
 *     --mix exchange-core|realistic [--seed 42] [--commands 1000000] --out FILE[.gz]
 * </pre>
 */
public final class PeerWorkloadTool {
    private PeerWorkloadTool() {
    }

    public static void main(final String[] args) throws IOException {
        PeerWorkloadGenerator.Mix mix = null;
        long seed = 42;
        int commands = 1_000_000;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--mix" -> mix = PeerWorkloadGenerator.Mix.of(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--commands" -> commands = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (mix == null || out == null || args.length % 2 != 0) {
            System.err.println("usage: PeerWorkloadTool --mix exchange-core|realistic [--seed 42] [--commands 1000000] --out FILE");
            System.exit(2);
            return;
        }
        final long start = System.nanoTime();
        final Workload workload = PeerWorkloadGenerator.generate(mix, seed, commands);
        WorkloadFile.write(out, workload);
        final TradeDigest.Result replayed = TidemarkReplay.verify(WorkloadFile.read(out));
        System.out.printf("%s%n  %s%n  wrote %s in %.1f s; replayed through Tidemark: %s%n", workload.header().description(),
            "price band [" + workload.header().minPrice() + ", " + workload.header().maxPrice() + "], "
                + workload.header().maxOrderId() + " orders placed",
            out, (System.nanoTime() - start) / 1e9, replayed);
    }
}
