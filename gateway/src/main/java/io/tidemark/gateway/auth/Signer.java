package io.tidemark.gateway.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The one signer: HMAC-SHA256 over the canonical string of API.md,
 * {@code timestamp \n nonce \n METHOD \n path_with_query \n body}, as lowercase hex. Verification
 * compares in constant time.
 *
 * <p>Each thread keeps its own {@link Mac}s (Mac is not thread safe), one per recently used secret: keying
 * a Mac hashes the key's inner and outer pads, which cost about as much as the rest of a short request's
 * HMAC, so a Mac already keyed with the same secret (the same {@code String}, as a key store hands out) is
 * reused. The canonical string's text parts go into the Mac through a per-thread byte scratch, and the
 * signature is checked against the sent hex digit by digit: verifying a request allocates nothing.
 */
public final class Signer {
    private static final ThreadLocal<KeyedMacs> MACS = ThreadLocal.withInitial(KeyedMacs::new);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Signer() {
    }

    /** The signature of a request, as lowercase hex. */
    public static String sign(final String secret, final String timestamp, final String nonce, final String method,
                              final String pathWithQuery, final byte[] body) {
        final KeyedMacs macs = MACS.get();
        final byte[] digest = macs.digest;
        macs.mac(secret, timestamp, nonce, method, pathWithQuery, body, digest);
        final char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    /** Whether {@code signature} (hex, as sent) is the request's signature; constant time in its content. */
    public static boolean verify(final String secret, final String timestamp, final String nonce, final String method,
                                 final String pathWithQuery, final byte[] body, final String signature) {
        final KeyedMacs macs = MACS.get();
        final byte[] digest = macs.digest;
        macs.mac(secret, timestamp, nonce, method, pathWithQuery, body, digest);
        if (signature.length() != digest.length * 2) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < digest.length; i++) {
            difference |= HEX[(digest[i] >> 4) & 0xf] ^ signature.charAt(2 * i);
            difference |= HEX[digest[i] & 0xf] ^ signature.charAt(2 * i + 1);
        }
        return difference == 0;
    }

    /** One thread's Macs, each keyed with the secret last used in its slot. Not thread safe. */
    private static final class KeyedMacs {
        private static final int SLOTS = 64;
        private static final byte NEWLINE = '\n';

        private final Mac[] macs = new Mac[SLOTS];
        private final String[] secrets = new String[SLOTS];
        private final byte[] digest = new byte[32];
        private byte[] scratch = new byte[256];

        void mac(final String secret, final String timestamp, final String nonce, final String method,
                 final String pathWithQuery, final byte[] body, final byte[] out) {
            final Mac mac = keyed(secret);
            try {
                update(mac, timestamp);
                mac.update(NEWLINE);
                update(mac, nonce);
                mac.update(NEWLINE);
                update(mac, method);
                mac.update(NEWLINE);
                update(mac, pathWithQuery);
                mac.update(NEWLINE);
                mac.update(body);
                mac.doFinal(out, 0);
            } catch (final GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 failed", e);
            }
        }

        /**
         * A Mac keyed with {@code secret}. The slot is found by identity, never by comparing secrets'
         * content, so the time this takes tells nothing about a secret.
         */
        private Mac keyed(final String secret) {
            final int slot = System.identityHashCode(secret) & (SLOTS - 1);
            Mac mac = macs[slot];
            if (mac != null && secrets[slot] == secret) {
                return mac;
            }
            try {
                if (mac == null) {
                    mac = Mac.getInstance("HmacSHA256");
                    macs[slot] = mac;
                }
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (final GeneralSecurityException e) {
                secrets[slot] = null;
                throw new IllegalStateException("cannot key HmacSHA256", e);
            }
            secrets[slot] = secret;
            return mac;
        }

        /** The text's UTF-8 bytes into the Mac: ASCII through the scratch, anything else as the JDK encodes it. */
        private void update(final Mac mac, final String text) {
            final int length = text.length();
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            for (int i = 0; i < length; i++) {
                final char c = text.charAt(i);
                if (c >= 0x80) {
                    mac.update(text.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                scratch[i] = (byte) c;
            }
            mac.update(scratch, 0, length);
        }
    }
}
