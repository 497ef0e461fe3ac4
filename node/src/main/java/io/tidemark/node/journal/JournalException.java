package io.tidemark.node.journal;

/** The journal cannot be used as it is: corruption before its end, or the wrong configuration. Refuse to start. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(final String message) {
        super(message);
    }

    public JournalException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
