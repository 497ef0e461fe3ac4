package io.tidemark.node.journal;

/** When a journaled command counts as durable, and so may be acknowledged. */
public enum Durability {
    /**
     * Written to the memory-mapped journal file: survives the process being killed (the kernel owns
     * the pages), not a power loss before the kernel writes them back. The default.
     */
    MAPPED,
    /**
     * Also forced to the device (msync) before acknowledging, once per batch of commands: survives a
     * power loss. Costs a device flush per batch; see benchmarks/README.md for what it costs here.
     */
    SYNC
}
