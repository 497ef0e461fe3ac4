package io.tidemark.gateway.web;

import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The web screen as the gateway serves it: the page, hashed assets, cache headers, gzip, content types. */
@Timeout(60)
class WebScreenTest {
    static final String INDEX = "<!doctype html><html><head><script type=\"module\" src=\"/assets/index-Ab12Cd34.js\"></script>"
        + "</head><body>" + "<section aria-labelledby=\"h\"><h2 id=\"h\">Markets</h2></section>".repeat(20) + "</body></html>";
    static final String SCRIPT = "console.log('the screen');\n".repeat(200);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    /** The files a build would have made, and which of them were read (to see that each is read once). */
    static final Map<String, byte[]> FILES = Map.of(
        "index.html", INDEX.getBytes(StandardCharsets.UTF_8),
        "assets/index-Ab12Cd34.js", SCRIPT.getBytes(StandardCharsets.UTF_8),
        "assets/index-Ef56Gh78.css", "body{background:#0b0e11}".getBytes(StandardCharsets.UTF_8),
        "assets/logo-0a1b2c3d.png", PNG);
    static final Map<String, Integer> reads = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;
    static TestServer built;
    static TestServer notBuilt;

    @BeforeAll
    static void start() throws IOException {
        built = TestServer.start(dir.resolve("built"), context -> context.webScreen(new WebScreen(path -> {
            reads.merge(path, 1, Integer::sum);
            final byte[] file = FILES.get(path);
            return file == null ? null : new ByteArrayInputStream(file);
        })));
        // the gateway's own test class path has no web jar: what a build without npm serves
        notBuilt = TestServer.start(dir.resolve("not-built"));
    }

    @AfterAll
    static void stop() {
        built.close();
        notBuilt.close();
    }

    static Reply get(final TestServer server, final String path, final String acceptEncoding) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return SignedClient.raw(server.baseUrl(), request);
    }

    static String gunzip(final byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRootIsTheBuiltPageCheckedBeforeEachUse() {
        final Reply page = get(built, "/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("Content-Encoding")).isNull();
        assertThat(new String(page.raw().body(), StandardCharsets.UTF_8)).isEqualTo(INDEX);
    }

    @Test
    void hashedAssetsAreCachedForAYearWithTheirContentType() {
        final Reply script = get(built, "/assets/index-Ab12Cd34.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(new String(script.raw().body(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        assertThat(get(built, "/assets/index-Ef56Gh78.css", null).header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        final Reply image = get(built, "/assets/logo-0a1b2c3d.png", "gzip");
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(image.raw().body()).isEqualTo(PNG);
    }

    @Test
    void textIsGzippedForClientsThatAcceptIt() {
        final Reply script = get(built, "/assets/index-Ab12Cd34.js", "br, gzip;q=0.8");
        assertThat(script.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(script.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(script.raw().body().length).isLessThan(SCRIPT.length() / 10);
        assertThat(Integer.parseInt(script.header("Content-Length"))).isEqualTo(script.raw().body().length);
        assertThat(gunzip(script.raw().body())).isEqualTo(SCRIPT);
        final Reply page = get(built, "/", "gzip, deflate");
        assertThat(page.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(page.raw().body())).isEqualTo(INDEX);
    }

    @Test
    void gzipRefusedWithQZeroIsNotSent() {
        final Reply script = get(built, "/assets/index-Ab12Cd34.js", "gzip;q=0, identity");
        assertThat(script.header("Content-Encoding")).isNull();
        assertThat(new String(script.raw().body(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
    }

    @Test
    void eachFileIsReadOnceThenServedFromMemory() {
        for (int i = 0; i < 3; i++) {
            assertThat(get(built, "/assets/index-Ef56Gh78.css", i % 2 == 0 ? "gzip" : null).status()).isEqualTo(200);
        }
        assertThat(reads.get("assets/index-Ef56Gh78.css")).isEqualTo(1);
    }

    @Test
    void anUnknownAssetIsNotFound() {
        final Reply missing = get(built, "/assets/index-00000000.js", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aNameThatLeavesTheAssetsFolderIsNotFoundAndNeverLookedUp() {
        for (final String name : new String[] {"..%2Findex.html", "%2E%2E", ".hidden", "a%00b.js"}) {
            final Reply answer = get(built, "/assets/" + name, null);
            assertThat(answer.status()).as(name).isIn(400, 404);
        }
        assertThat(reads.keySet()).allMatch(path -> FILES.containsKey(path) || path.matches("assets/[A-Za-z0-9][A-Za-z0-9._-]*"));
        assertThat(reads.keySet()).noneMatch(path -> path.contains(".."));
    }

    @Test
    void withoutABuildTheRootSaysHowToBuildTheScreen() {
        final Reply page = get(notBuilt, "/", "gzip");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        final String text = new String(page.raw().body(), StandardCharsets.UTF_8);
        assertThat(text).contains("was not built").contains("npm ci && npm run build".replace("&&", "&amp;&amp;"))
            .contains("/v1");
        assertThat(get(notBuilt, "/assets/index-Ab12Cd34.js", null).status()).isEqualTo(404);
        // the API is served all the same
        assertThat(get(notBuilt, "/v1/ping", null).status()).isEqualTo(200);
    }
}
