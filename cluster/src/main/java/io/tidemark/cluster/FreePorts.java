package io.tidemark.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A run of consecutive UDP ports free on loopback right now: Aeron needs fixed ports per member, so a cluster on
 * one box (tests, benchmarks, the soak) takes a free run of {@code 5 × members}.
 */
public final class FreePorts {
    private FreePorts() {
    }

    public static int consecutive(final int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            final int base = 20_000 + ThreadLocalRandom.current().nextInt(35_000);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no run of " + count + " free UDP ports");
    }

    private static boolean allFree(final int base, final int count) {
        for (int port = base; port < base + count; port++) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                socket.getLocalPort();
            } catch (final IOException e) {
                return false;
            }
        }
        return true;
    }
}
