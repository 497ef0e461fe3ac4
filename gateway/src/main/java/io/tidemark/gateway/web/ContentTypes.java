package io.tidemark.gateway.web;

import java.util.Locale;
import java.util.Map;

/** The content type of a file of the web screen, by its extension; and which types are worth compressing. */
final class ContentTypes {
    private static final String BINARY = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"),
        Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"),
        Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("json", "application/json"),
        Map.entry("map", "application/json"),
        Map.entry("svg", "image/svg+xml"),
        Map.entry("txt", "text/plain; charset=utf-8"),
        Map.entry("png", "image/png"),
        Map.entry("ico", "image/x-icon"),
        Map.entry("webp", "image/webp"),
        Map.entry("woff2", "font/woff2"),
        Map.entry("woff", "font/woff"));

    private ContentTypes() {
    }

    static String of(final String path) {
        final int dot = path.lastIndexOf('.');
        return dot < 0 ? BINARY : BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), BINARY);
    }

    /** Text compresses; images and fonts are compressed already. */
    static boolean compressible(final String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json")
            || contentType.startsWith("image/svg");
    }
}
