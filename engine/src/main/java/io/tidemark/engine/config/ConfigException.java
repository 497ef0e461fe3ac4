package io.tidemark.engine.config;

/** A configuration that cannot be run exactly: thrown once, at start, never on a command path. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message) {
        super(message);
    }
}
