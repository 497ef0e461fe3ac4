package io.tidemark.gateway.json;

import java.io.CharConversionException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses bytes that are not well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no truncated sequence), using the JDK's decoder, which reports all of these. One decoder and a
 * small scratch buffer per thread, so checking a body costs no allocation beyond wrapping it.
 */
final class StrictUtf8 {
    private static final ThreadLocal<Checker> CHECKERS = ThreadLocal.withInitial(Checker::new);

    private StrictUtf8() {
    }

    static void check(final byte[] bytes) throws CharConversionException {
        CHECKERS.get().check(bytes);
    }

    private static final class Checker {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer scratch = CharBuffer.allocate(1_024);

        void check(final byte[] bytes) throws CharConversionException {
            final ByteBuffer in = ByteBuffer.wrap(bytes);
            decoder.reset();
            CoderResult result;
            do {
                scratch.clear();
                result = decoder.decode(in, scratch, true);
            } while (result.isOverflow());
            if (!result.isError()) {
                do {
                    scratch.clear();
                    result = decoder.flush(scratch);
                } while (result.isOverflow());
            }
            if (result.isError()) {
                throw new CharConversionException("not well-formed UTF-8 at byte " + in.position());
            }
        }
    }
}
