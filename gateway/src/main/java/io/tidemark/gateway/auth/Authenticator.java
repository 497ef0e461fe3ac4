package io.tidemark.gateway.auth;

import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Checks a signed request, in API.md's order: all four headers present, the key known and not revoked,
 * the timestamp within the key's drift tolerance of server time, the signature right, the nonce unused
 * within the window, and only then the client address allowed and the scope sufficient, so that a
 * stranger without the secret learns nothing about a key (not even its allowlist). The nonce is
 * recorded only once the signature is right, so nobody without the secret can use up or fill a key's
 * nonces, and it is kept across restarts ({@link Nonces}), so a request signed before one is refused
 * after it. Each failure is an {@link ApiException} with the contract's code; a refused request changes
 * nothing. Thread safe.
 */
public final class Authenticator {

    private final KeyStore keys;
    private final Nonces nonces;
    private final LongSupplier clockMillis;

    public Authenticator(final KeyStore keys, final Nonces nonces, final LongSupplier clockMillis) {
        this.keys = keys;
        this.nonces = nonces;
        this.clockMillis = clockMillis;
    }

    public ApiKey authenticate(final String keyId, final String timestamp, final String nonce, final String signature,
                               final String method, final String pathWithQuery, final byte[] body,
                               final InetAddress client, final Scope required) {
        if (blank(keyId) || blank(timestamp) || blank(nonce) || blank(signature)) {
            throw new ApiException(ErrorCode.MISSING_AUTH,
                "send X-Api-Key, X-Api-Timestamp, X-Api-Nonce and X-Api-Signature");
        }
        if (!isNonce(nonce)) {
            throw new ApiException(ErrorCode.MISSING_AUTH, "X-Api-Nonce must be 1-64 characters of [A-Za-z0-9_-]");
        }
        final ApiKey key = keys.find(keyId);
        if (key == null || key.revoked()) {
            throw new ApiException(ErrorCode.INVALID_KEY, "unknown or revoked API key");
        }
        final long now = clockMillis.getAsLong();
        if (!isDigits(timestamp, 15)) {
            throw new ApiException(ErrorCode.TIMESTAMP_OUT_OF_WINDOW,
                "X-Api-Timestamp must be milliseconds since the Unix epoch", null, Map.of("server_time", now));
        }
        final long sent = Long.parseLong(timestamp);
        if (Math.abs(now - sent) > key.driftMillis()) {
            throw new ApiException(ErrorCode.TIMESTAMP_OUT_OF_WINDOW, "timestamp is more than " + key.driftMillis()
                + " ms from server time; see server_time", null, Map.of("server_time", now));
        }
        if (sent <= nonces.refusedThroughMillis()) {
            throw new ApiException(ErrorCode.TIMESTAMP_OUT_OF_WINDOW, "the server restarted after a machine crash that"
                + " may have lost the nonces of its last moments; timestamps up to " + nonces.refusedThroughMillis()
                + " are refused, see server_time", null, Map.of("server_time", now));
        }
        if (!isLowerHex64(signature)
            || !Signer.verify(key.secret(), timestamp, nonce, method, pathWithQuery, body, signature)) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE,
                "signature does not match HMAC-SHA256(secret, timestamp\\nnonce\\nMETHOD\\npath_with_query\\nbody)");
        }
        if (!nonces.use(key, nonce, now, sent + key.driftMillis())) {
            throw new ApiException(ErrorCode.NONCE_REUSED, "nonce already used within the timestamp window");
        }
        if (!key.allowlist().allows(client)) {
            throw new ApiException(ErrorCode.IP_NOT_ALLOWED, "this key may not be used from " + client.getHostAddress());
        }
        if (required != null && !key.grants(required)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this key lacks the " + required.wireName() + " scope");
        }
        return key;
    }

    /** Whether a key authenticated earlier (e.g. by a WebSocket session) is still known and not revoked. */
    public boolean stillValid(final ApiKey key) {
        final ApiKey current = keys.find(key.id());
        return current != null && !current.revoked();
    }

    private static boolean blank(final String value) {
        return value == null || value.isEmpty();
    }

    // character loops rather than regexes: these run on every signed request

    private static boolean isNonce(final String nonce) {
        if (nonce.length() > 64) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            final char c = nonce.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(final String text, final int maxLength) {
        if (text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex64(final String signature) {
        if (signature.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            final char c = signature.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
