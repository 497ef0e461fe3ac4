package io.tidemark.gateway.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The one signer: HMAC-SHA256 over the canonical string of API.md,
 * {@code timestamp \n nonce \n METHOD \n path_with_query \n body}, as lowercase hex. Verification
 * compares in constant time. Each thread keeps its own {@link Mac} (Mac is not thread safe).
 */
public final class Signer {
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });
    private static final byte[] NEWLINE = {'\n'};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Signer() {
    }

    /** The signature of a request, as lowercase hex. */
    public static String sign(final String secret, final String timestamp, final String nonce, final String method,
                              final String pathWithQuery, final byte[] body) {
        return hex(mac(secret, timestamp, nonce, method, pathWithQuery, body));
    }

    /** Whether {@code signature} (hex, as sent) is the request's signature; constant time in its content. */
    public static boolean verify(final String secret, final String timestamp, final String nonce, final String method,
                                 final String pathWithQuery, final byte[] body, final String signature) {
        final byte[] expected = hex(mac(secret, timestamp, nonce, method, pathWithQuery, body))
            .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(final String secret, final String timestamp, final String nonce, final String method,
                              final String pathWithQuery, final byte[] body) {
        final Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot key HmacSHA256", e);
        }
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update(NEWLINE);
        mac.update(nonce.getBytes(StandardCharsets.UTF_8));
        mac.update(NEWLINE);
        mac.update(method.getBytes(StandardCharsets.UTF_8));
        mac.update(NEWLINE);
        mac.update(pathWithQuery.getBytes(StandardCharsets.UTF_8));
        mac.update(NEWLINE);
        mac.update(body);
        return mac.doFinal();
    }

    private static String hex(final byte[] bytes) {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
