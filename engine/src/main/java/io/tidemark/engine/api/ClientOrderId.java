package io.tidemark.engine.api;

/**
 * A client_order_id (1-36 chars of {@code [A-Za-z0-9_-]}) packed losslessly into four longs, six bits
 * per character, so that commands, orders and the idempotency table carry it without allocation.
 * Length zero means "absent". Mutable and reused; not thread safe.
 */
public final class ClientOrderId {
    public static final int MAX_LENGTH = 36;
    private static final int CHARS_PER_WORD = 10;
    private static final int LENGTH_SHIFT = 58;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final byte[] CODE_OF = new byte[128];

    static {
        java.util.Arrays.fill(CODE_OF, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            CODE_OF[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private long w0;
    private long w1;
    private long w2;
    private long w3;

    /** True if {@code text} is a valid client_order_id. */
    public static boolean isValid(final CharSequence text) {
        final int length = text.length();
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            if (c >= 128 || CODE_OF[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Packs {@code text}; returns false and leaves this id absent when the text is not a valid id.
     */
    public boolean set(final CharSequence text) {
        clear();
        if (!isValid(text)) {
            return false;
        }
        final int length = text.length();
        long a = 0, b = 0, c = 0, d = 0;
        for (int i = 0; i < length; i++) {
            final long code = CODE_OF[text.charAt(i)];
            final int shift = (i % CHARS_PER_WORD) * 6;
            switch (i / CHARS_PER_WORD) {
                case 0 -> a |= code << shift;
                case 1 -> b |= code << shift;
                case 2 -> c |= code << shift;
                default -> d |= code << shift;
            }
        }
        w0 = a;
        w1 = b;
        w2 = c;
        w3 = d | ((long) length << LENGTH_SHIFT);
        return true;
    }

    public void set(final ClientOrderId other) {
        w0 = other.w0;
        w1 = other.w1;
        w2 = other.w2;
        w3 = other.w3;
    }

    /** Restores an id from its four words, as written by {@link #word(int)}. */
    public void setWords(final long word0, final long word1, final long word2, final long word3) {
        w0 = word0;
        w1 = word1;
        w2 = word2;
        w3 = word3;
    }

    public void clear() {
        w0 = 0;
        w1 = 0;
        w2 = 0;
        w3 = 0;
    }

    public boolean isPresent() {
        return w3 != 0;
    }

    public int length() {
        return (int) (w3 >>> LENGTH_SHIFT);
    }

    public long word(final int index) {
        return switch (index) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    public boolean equalsWords(final long word0, final long word1, final long word2, final long word3) {
        return w0 == word0 && w1 == word1 && w2 == word2 && w3 == word3;
    }

    public boolean contentEquals(final ClientOrderId other) {
        return equalsWords(other.w0, other.w1, other.w2, other.w3);
    }

    /** A well-mixed hash of the id and the account it belongs to. */
    public long hash(final long accountId) {
        return hash(accountId, w0, w1, w2, w3);
    }

    /** The hash of {@link #hash(long)} computed from stored words. */
    public static long hash(final long accountId, final long word0, final long word1, final long word2, final long word3) {
        long h = accountId * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h ^ word0, 27) * 0xC2B2AE3D27D4EB4FL;
        h = Long.rotateLeft(h ^ word1, 31) * 0x165667B19E3779F9L;
        h = Long.rotateLeft(h ^ word2, 29) * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h ^ word3, 33) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 32);
    }

    /** Appends the characters of the id (nothing when absent). */
    public StringBuilder appendTo(final StringBuilder out) {
        final int length = length();
        for (int i = 0; i < length; i++) {
            final long word = word(i / CHARS_PER_WORD);
            out.append(ALPHABET.charAt((int) ((word >>> ((i % CHARS_PER_WORD) * 6)) & 0x3F)));
        }
        return out;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(MAX_LENGTH)).toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ClientOrderId other && contentEquals(other);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash(0));
    }
}
