package io.tidemark.gateway.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The one JSON mapper, configured once: duplicate keys and trailing tokens are errors, numbers are read
 * as exact decimals (never doubles), and nesting and string lengths are bounded so a hostile body
 * cannot exhaust the parser. Thread safe.
 */
public final class Json {
    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(65_536)
                .maxNumberLength(64).build())
            .build();
        final ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.configure(JsonParser.Feature.ALLOW_COMMENTS, false);
        return mapper;
    }

    /**
     * Parses a request body; throws {@link IOException} for anything but one well-formed JSON value in
     * strict UTF-8. Jackson's byte parser decodes overlong forms ({@code C0 B1} as "1"), which would let
     * one value pass checks as another, so the bytes are first held to the JDK's strict decoder.
     */
    public static JsonNode parse(final byte[] body) throws IOException {
        StrictUtf8.check(body);
        final JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty body");
        }
        return node;
    }

    /**
     * A streaming parser over a request body with the mapper's limits and duplicate detection, once the
     * bytes passed the strict UTF-8 check (see {@link #parse}); the caller checks for trailing tokens.
     */
    public static JsonParser parser(final byte[] body) throws IOException {
        StrictUtf8.check(body);
        return MAPPER.getFactory().createParser(body);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static byte[] bytes(final JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** What {@code writer} writes, as UTF-8 bytes. */
    public static byte[] bytes(final JsonWriter writer) {
        try (ByteArrayBuilder buffer = new ByteArrayBuilder(512)) {
            try (JsonGenerator out = MAPPER.createGenerator(buffer, JsonEncoding.UTF8)) {
                writer.write(out);
            }
            return buffer.toByteArray();
        } catch (final IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A tree as a writer, to put it where a writer goes. */
    public static JsonWriter tree(final JsonNode node) {
        return out -> out.writeTree(node);
    }

    /** Writes the field as a string, or null. */
    public static void stringOrNull(final JsonGenerator out, final String name, final String value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
        } else {
            out.writeStringField(name, value);
        }
    }
}
