package io.tidemark.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line flags of the form {@code --name value} or {@code --switch}; unknown flags are errors. */
public final class Flags {
    private final Map<String, String> values = new HashMap<>();

    private Flags() {
    }

    /** Parses {@code args}; {@code valued} take a value, {@code switches} do not. */
    public static Flags parse(final List<String> args, final Set<String> valued, final Set<String> switches) {
        final Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            final String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && name.contains("=")) {
                final String key = name.substring(0, name.indexOf('='));
                require(valued.contains(key), "unknown flag --" + key);
                flags.values.put(key, name.substring(name.indexOf('=') + 1));
            } else if (name != null && valued.contains(name)) {
                require(i + 1 < args.size(), "--" + name + " needs a value");
                flags.values.put(name, args.get(++i));
            } else if (name != null && switches.contains(name)) {
                flags.values.put(name, "true");
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return flags;
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public String get(final String name, final String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(final String name) {
        return values.containsKey(name);
    }

    public Path path(final String name, final String fallback) {
        final String value = get(name, fallback);
        return value == null ? null : Path.of(value);
    }

    public int integer(final String name, final int fallback) {
        final String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }
}
