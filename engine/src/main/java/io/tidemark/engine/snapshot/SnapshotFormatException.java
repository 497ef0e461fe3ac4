package io.tidemark.engine.snapshot;

/** A snapshot that cannot be read: it is skipped with a warning, never trusted. */
public final class SnapshotFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(final String message) {
        super(message);
    }
}
