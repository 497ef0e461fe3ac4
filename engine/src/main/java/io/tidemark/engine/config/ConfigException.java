package io.tidemark.engine.config;

/**
 * A configuration that cannot be run exactly: thrown at start, or by an operator's listing (validated as a
 * configured entry is), never on a trading path. {@link #field()} names the market field at fault, if any.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigException(final String message) {
        this(null, message);
    }

    public ConfigException(final String field, final String message) {
        super(message);
        this.field = field;
    }

    /** The market's field (as the config file and {@code GET /v1/markets} name it) at fault, or null. */
    public String field() {
        return field;
    }
}
