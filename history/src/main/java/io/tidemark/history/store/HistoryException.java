package io.tidemark.history.store;

/** A failure of the history store's database. */
public final class HistoryException extends RuntimeException {
    public HistoryException(final String message, final Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
