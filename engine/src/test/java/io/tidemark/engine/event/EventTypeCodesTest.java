package io.tidemark.engine.event;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The event stream's tag bytes, pinned: a renumbered or unpinned event type fails here. */
class EventTypeCodesTest {
    @Test
    void everyEventTypeKeepsItsTagByte() {
        final Map<String, Integer> codes = Arrays.stream(EventType.values())
            .collect(Collectors.toMap(Enum::name, type -> (int) type.code()));
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
            "ORDER_ACCEPTED", 0, "ORDER_TRIGGERED", 1, "ORDER_AMENDED", 2, "TRADE", 3, "ORDER_CLOSED", 4,
            "ORDER_REJECTED", 5, "BALANCE_CHANGED", 6, "LEVEL_CHANGED", 7, "MARKET_STATUS_CHANGED", 8));
        for (final EventType type : EventType.values()) {
            assertThat(EventType.of(type.code())).isSameAs(type);
        }
    }
}
