package io.tidemark.engine.core;

import io.tidemark.engine.api.ClientOrderId;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIdTableTest {
    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void agreesWithAHashMapModelThroughGrowthAndEviction() {
        final ClientOrderIdTable table = new ClientOrderIdTable(16);
        final Map<String, Long> model = new HashMap<>();
        final ArrayDeque<Object[]> fifo = new ArrayDeque<>(); // {key, time, orderId}
        final Set<Long> open = new HashSet<>();
        final SplittableRandom random = new SplittableRandom(11);
        final ClientOrderId id = new ClientOrderId();
        long now = 0;
        for (long order = 1; order <= 200_000; order++) {
            now += random.nextLong(2 * HOUR / 1_000);
            final long account = 1 + random.nextInt(50);
            final String text = "o" + order;
            id.set(text);
            if (random.nextInt(20) == 0) {
                open.add(order);
            }
            // model of the documented eviction: expired entries leave, those of open orders move to the back
            final long cutoff = now - ClientOrderIdTable.RETENTION_NANOS;
            final int queued = fifo.size();
            for (int i = 0; i < queued && (long) fifo.peekFirst()[1] < cutoff; i++) {
                final Object[] head = fifo.pollFirst();
                model.remove((String) head[0]);
                if (open.contains((long) head[2])) {
                    fifo.addLast(new Object[] {head[0], now, head[2]});
                    model.put((String) head[0], (long) head[2]);
                }
            }
            table.add(now, open::contains, account, id, order, 7, 1, 2, 3, 4);
            final String key = account + "/" + text;
            model.put(key, order);
            fifo.addLast(new Object[] {key, now, order});

            if (order % 997 == 0) {
                assertThat(table.size()).isEqualTo(model.size());
                for (int probe = 0; probe < 200; probe++) {
                    final long candidate = 1 + random.nextLong(order);
                    final long probeAccount = 1 + random.nextInt(50);
                    id.set("o" + candidate);
                    final int slot = table.find(probeAccount, id);
                    final Long expected = model.get(probeAccount + "/o" + candidate);
                    if (expected == null) {
                        assertThat(slot).isEqualTo(ClientOrderIdTable.NOT_FOUND);
                    } else {
                        assertThat(table.orderId(slot)).isEqualTo(expected);
                        assertThat(table.sameFields(slot, 7, 1, 2, 3, 4)).isTrue();
                        assertThat(table.sameFields(slot, 7, 1, 2, 3, 5)).isFalse();
                    }
                }
            }
        }
        assertThat(model.size()).as("eviction really happened").isLessThan(150_000);
    }
}
