package io.tidemark.engine.core;

/** Folds a sequence of longs into a 64-bit digest (xxHash64-style rounds); order matters. Not for the hot path. */
final class StateHasher {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private long acc = P3;
    private long count;

    StateHasher add(final long value) {
        acc = Long.rotateLeft(acc ^ Long.rotateLeft(value * P2, 31) * P1, 27) * P1 + P3;
        count++;
        return this;
    }

    long digest() {
        long h = acc ^ count;
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
