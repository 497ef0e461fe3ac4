package io.tidemark.gateway.web;

import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the web trading screen: {@code /} is the built {@code index.html} (never cached without a check,
 * so a new build is picked up at once), {@code /assets/{file}} the files Vite names by content hash (cached
 * for a year, immutable). Each file is read once, from the {@code tidemark-web/} resources the web module's
 * jar puts on the classpath, and kept with a gzip copy for clients that accept it. Without a build the
 * index is a short page that says how to build the screen; the API is served either way.
 *
 * <p>Thread safe: the cache is filled on the event loops that first ask for a file (a small read from a
 * jar on the classpath, once per file).
 */
public final class WebScreen {
    /** Where the web module's jar puts the built screen on the classpath. */
    public static final String RESOURCE_ROOT = "tidemark-web/";

    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String INDEX_CACHE = "no-cache";
    private static final String ASSET_CACHE = "public, max-age=31536000, immutable";

    private final Function<String, InputStream> files;
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

    /** {@code files} opens a file of the built screen by its path under the root, or gives null. */
    public WebScreen(final Function<String, InputStream> files) {
        this.files = files;
    }

    /** The screen packed into the web module's jar, as found on the class path of this class. */
    public static WebScreen fromClasspath() {
        final ClassLoader loader = WebScreen.class.getClassLoader();
        return new WebScreen(path -> loader.getResourceAsStream(RESOURCE_ROOT + path));
    }

    /** Whether a built screen is present (else {@code /} answers the page saying how to build it). */
    public boolean isBuilt() {
        return file("index.html") != null;
    }

    public void index(final ApiRequest request, final Responder responder) {
        final StaticFile index = file("index.html");
        responder.send(index == null ? notBuilt(request) : index.response(request, INDEX_CACHE));
    }

    public void asset(final ApiRequest request, final Responder responder) {
        final String name = request.capture("file");
        final StaticFile asset = ASSET_NAME.matcher(name).matches() ? file("assets/" + name) : null;
        if (asset == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no asset " + name);
        }
        responder.send(asset.response(request, ASSET_CACHE));
    }

    private StaticFile file(final String path) {
        final StaticFile cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = files.apply(path)) {
            if (in == null) {
                return null; // not cached: a build may still arrive on a development classpath
            }
            final StaticFile read = StaticFile.of(path, in.readAllBytes());
            cache.putIfAbsent(path, read);
            return read;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiResponse notBuilt(final ApiRequest request) {
        final String page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tidemark</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; background: #0b0e11; color: #eaecef; padding: 2rem">
            <h1>The web trading screen was not built</h1>
            <p>This server runs without it: the API is at <a href="/v1/openapi.json" style="color:#f0b90b">/v1</a>.</p>
            <p>To build the screen, put Node.js 20+ and npm on the PATH, run
            <code>mvn -B -pl app -am package</code> (it runs <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>
            and packs the result into the <code>tidemark-web</code> jar), and start the server again.</p>
            </body></html>
            """;
        return ApiResponse.raw(request, page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8")
            .header("Cache-Control", INDEX_CACHE);
    }

    /** One file of the screen, with its content type and, where it pays, a gzip copy. */
    private record StaticFile(byte[] body, byte[] gzipped, String contentType) {
        static StaticFile of(final String path, final byte[] body) {
            final String type = ContentTypes.of(path);
            final byte[] gzipped = ContentTypes.compressible(type) ? gzip(body) : null;
            return new StaticFile(body, gzipped != null && gzipped.length < body.length ? gzipped : null, type);
        }

        ApiResponse response(final ApiRequest request, final String cacheControl) {
            final boolean gzip = gzipped != null && acceptsGzip(request);
            final ApiResponse response = ApiResponse.raw(request, gzip ? gzipped : body, contentType)
                .header("Cache-Control", cacheControl);
            if (gzipped != null) {
                response.header("Vary", "Accept-Encoding");
            }
            if (gzip) {
                response.header("Content-Encoding", "gzip");
            }
            return response;
        }

        private static boolean acceptsGzip(final ApiRequest request) {
            for (final String value : request.headers().getAll("Accept-Encoding")) {
                for (final String coding : value.split(",")) {
                    final String[] parts = coding.trim().split(";");
                    if (parts[0].trim().equalsIgnoreCase("gzip") && !refused(parts)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** {@code gzip;q=0} says no. */
        private static boolean refused(final String[] parts) {
            for (int i = 1; i < parts.length; i++) {
                final String p = parts[i].trim().replace(" ", "");
                if (p.startsWith("q=") && p.substring(2).matches("0(\\.0*)?")) {
                    return true;
                }
            }
            return false;
        }

        private static byte[] gzip(final byte[] body) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
            try (GZIPOutputStream zip = new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                zip.write(body);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
