package io.tidemark.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.tidemark.gateway.api.PublicEndpoints;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox endpoints answer exactly as the gateway's OpenAPI document says (which the gateway's own
 * contract test cannot check: these endpoints live here). A real sandbox-mode server, real requests.
 */
@Timeout(60)
class SandboxContractTest {
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
        .createForInlineApiSpecification(new String(PublicEndpoints.openApiDocument(), StandardCharsets.UTF_8)).build();

    @TempDir
    Path dir;

    private static List<String> problems(final ValidationReport report) {
        return report.getMessages().stream().map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    private static void assertDocumented(final String path, final String body, final boolean signed,
                                         final SignedHttp.Reply reply) throws Exception {
        final SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.POST, path)
            .withContentType("application/json");
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        if (signed) {
            request.withHeader("X-Api-Key", "k").withHeader("X-Api-Timestamp", "1").withHeader("X-Api-Nonce", "n")
                .withHeader("X-Api-Signature", "s");
        }
        final SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status())
            .withContentType("application/json").withBody(Json.MAPPER.writeValueAsString(reply.json()));
        reply.headers().map().forEach(response::withHeader);
        if (reply.status() == 200) {
            assertThat(problems(VALIDATOR.validate(request.build(), response.build()))).as(reply.toString()).isEmpty();
        } else {
            assertThat(problems(VALIDATOR.validateResponse(path, Request.Method.POST, response.build())))
                .as(reply.toString()).isEmpty();
        }
    }

    @Test
    void signupAndFaucetAnswerAsTheOpenApiDocumentSays() throws Exception {
        final ConfigFile file = ConfigFile.defaults();
        final SandboxConfig config = SandboxConfig.from(file, file.exchange());
        final Sandbox[] sandbox = new Sandbox[1];
        final GatewayServer.Context context = new GatewayServer.Context().dataDir(dir).config(file.exchange())
            .gateway(GatewayConfig.from(file).withPort(0)).sandbox(true)
            .endpoint(Route.SANDBOX_ACCOUNTS, server -> of(sandbox, server, config)::accounts)
            .endpoint(Route.SANDBOX_FAUCET, server -> of(sandbox, server, config)::faucet);
        final GatewayServer server = GatewayServer.start(context);
        try {
            final SignedHttp anonymous = SignedHttp.anonymous(server.baseUrl());
            final SignedHttp.Reply plain = anonymous.post("/v1/sandbox/accounts", "");
            assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
            assertDocumented("/v1/sandbox/accounts", "", false, plain);

            // a generated client sends a left-out optional body as JSON null: the defaults, as for no body
            final SignedHttp.Reply nullBody = anonymous.post("/v1/sandbox/accounts", "null");
            assertThat(nullBody.status()).as(nullBody.toString()).isEqualTo(200);
            assertThat(nullBody.data().path("tier").asText()).isEqualTo("retail");
            assertDocumented("/v1/sandbox/accounts", "null", false, nullBody);

            final String options = "{\"scopes\":[\"read\",\"trade\",\"withdraw\"],\"ip_allowlist\":[\"127.0.0.1/32\",\"::1/128\"],"
                + "\"tier\":\"market_maker\"}";
            final SignedHttp.Reply chosen = anonymous.post("/v1/sandbox/accounts", options);
            assertThat(chosen.data().path("tier").asText()).isEqualTo("market_maker");
            assertDocumented("/v1/sandbox/accounts", options, false, chosen);

            final SignedHttp.Reply bad = anonymous.post("/v1/sandbox/accounts", "{\"tier\":\"gold\"}");
            assertThat(bad.errorCode()).isEqualTo("invalid_parameter");
            assertDocumented("/v1/sandbox/accounts", "{\"tier\":\"gold\"}", false, bad);

            final SignedHttp bot = new SignedHttp(server.baseUrl(), plain.data().path("key").asText(),
                plain.data().path("secret").asText());
            final String topUp = "{\"asset\":\"BTC\",\"amount\":\"1\"}";
            final SignedHttp.Reply paid = bot.post("/v1/sandbox/faucet", topUp);
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            assertDocumented("/v1/sandbox/faucet", topUp, true, paid);

            final String tooMuch = "{\"asset\":\"BTC\",\"amount\":\"1000000\"}";
            final SignedHttp.Reply refused = bot.post("/v1/sandbox/faucet", tooMuch);
            assertThat(refused.errorCode()).isEqualTo("invalid_parameter");
            assertDocumented("/v1/sandbox/faucet", tooMuch, true, refused);
        } finally {
            server.close();
            sandbox[0].close();
        }
    }

    private static Sandbox of(final Sandbox[] holder, final GatewayServer server, final SandboxConfig config) {
        if (holder[0] == null) {
            holder[0] = new Sandbox(server, config);
        }
        return holder[0];
    }
}
