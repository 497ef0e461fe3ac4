package io.tidemark.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.api.WireEnum;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON request body read strictly: one object, only known members, each of the right type. Money is
 * a decimal string parsed exactly at the market's tick or lot or the asset's scale, never rounded: a
 * number, an exponent, a sign, too many decimals or a non-multiple is refused with the contract's code
 * and the member's name in {@code field}. Null counts as absent.
 *
 * <p>A body is read into a tree ({@link #parse}, {@link #of}) or, for the flat bodies of the hot path
 * (placing an order), scanned with Jackson's streaming parser ({@link #scan}): each member's kind and a
 * string member's characters, no tree and no string per value, with the same errors in the same order.
 */
public final class RequestBody {
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte STRING = 2;
    private static final byte NUMBER = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte ARRAY = 6;
    private static final byte OBJECT = 7;

    /** The tree of a parsed body, or null for a scanned one. */
    private final JsonNode root;
    /** A scanned body's members, in the order sent; null for a tree. */
    private final String[] names;
    private final byte[] kinds;
    private final CharSequence[] texts;
    private final int count;

    private RequestBody(final JsonNode root) {
        this.root = root;
        this.names = null;
        this.kinds = null;
        this.texts = null;
        this.count = 0;
    }

    private RequestBody(final String[] names, final byte[] kinds, final CharSequence[] texts, final int count) {
        this.root = null;
        this.names = names;
        this.kinds = kinds;
        this.texts = texts;
        this.count = count;
    }

    /**
     * Reads a body that must be a flat JSON object with members from {@code allowed}, as {@link #parse}
     * does — the same checks, errors and order of errors (strict UTF-8 and well-formed JSON first, duplicate
     * names included; then the first unknown member) — with the streaming parser. For bodies whose members
     * the caller reads with {@link #string}, {@link #bool}, {@link #enumValue} and the decimals only
     * ({@link #root} and {@link #member} need a tree).
     */
    public static RequestBody scan(final byte[] body, final Set<String> allowed) {
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        final String[] names = new String[allowed.size()];
        final byte[] kinds = new byte[allowed.size()];
        final CharSequence[] texts = new CharSequence[allowed.size()];
        int count = 0;
        String unknown = null;
        boolean object = true;
        try (JsonParser parser = Json.parser(body)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty body");
            }
            if (first != JsonToken.START_OBJECT) {
                object = false;
                parser.skipChildren();
            } else {
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    final String name = parser.currentName();
                    final JsonToken value = parser.nextToken();
                    final byte kind = kind(parser, value);
                    if (!allowed.contains(name)) {
                        if (unknown == null) {
                            unknown = name;
                        }
                        continue;
                    }
                    names[count] = name;
                    kinds[count] = kind;
                    texts[count] = kind == STRING ? new Text(parser.getTextCharacters(), parser.getTextOffset(),
                        parser.getTextLength()) : null;
                    count++;
                }
                if (token != JsonToken.END_OBJECT) {
                    throw new IOException("not an object's end");
                }
            }
            if (parser.nextToken() != null) {
                throw new IOException("trailing tokens");
            }
        } catch (final IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body is not valid JSON (strict UTF-8)");
        }
        if (!object) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        if (unknown != null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown member '" + printable(unknown) + "'", printable(unknown));
        }
        return new RequestBody(names, kinds, texts, count);
    }

    /**
     * The kind of the value at {@code token}; an array or object is read through (so its errors are
     * found), and a number is read as the tree would read it (so its limits apply the same way).
     */
    private static byte kind(final JsonParser parser, final JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return STRING;
            case VALUE_NULL:
                return NULL;
            case VALUE_TRUE:
                return TRUE;
            case VALUE_FALSE:
                return FALSE;
            case VALUE_NUMBER_INT:
                parser.getBigIntegerValue();
                return NUMBER;
            case VALUE_NUMBER_FLOAT:
                parser.getDecimalValue();
                return NUMBER;
            case START_ARRAY:
                parser.skipChildren();
                return ARRAY;
            case START_OBJECT:
                parser.skipChildren();
                return OBJECT;
            default:
                throw new IOException("unexpected " + token);
        }
    }

    /** A string value's characters, copied out of the parser's buffer. */
    private static final class Text implements CharSequence {
        private final char[] chars;

        Text(final char[] buffer, final int offset, final int length) {
            this.chars = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        }

        @Override
        public int length() {
            return chars.length;
        }

        @Override
        public char charAt(final int index) {
            return chars[index];
        }

        @Override
        public CharSequence subSequence(final int start, final int end) {
            return new String(chars, start, end - start);
        }

        @Override
        public String toString() {
            return new String(chars);
        }
    }

    /** The kind of member {@code name}, {@link #ABSENT} when it is not there. */
    private byte kind(final String name) {
        if (root != null) {
            final JsonNode value = root.get(name);
            if (value == null) {
                return ABSENT;
            }
            return value.isNull() ? NULL : value.isTextual() ? STRING : value.isNumber() ? NUMBER
                : value.isBoolean() ? (value.booleanValue() ? TRUE : FALSE) : value.isArray() ? ARRAY : OBJECT;
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return kinds[i];
            }
        }
        return ABSENT;
    }

    /** The text of string member {@code name} (its kind checked before). */
    private CharSequence text(final String name) {
        if (root != null) {
            return root.get(name).textValue();
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return texts[i];
            }
        }
        return null;
    }

    private JsonNode tree() {
        if (root == null) {
            throw new IllegalStateException("a scanned body has no tree");
        }
        return root;
    }

    /** Parses a body that must be a JSON object with members from {@code allowed}. */
    public static RequestBody parse(final byte[] body, final Set<String> allowed) {
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return of(json(body), allowed);
    }

    /**
     * For calls whose body is optional: an empty body and a JSON {@code null} both count as {@code {}}
     * (generated clients send a left-out optional body as {@code null}).
     */
    public static RequestBody parseOptional(final byte[] body, final Set<String> allowed) {
        if (body.length == 0 || isBlank(body)) {
            return of(Json.object(), allowed);
        }
        final JsonNode node = json(body);
        return of(node.isNull() ? Json.object() : node, allowed);
    }

    private static JsonNode json(final byte[] body) {
        try {
            return Json.parse(body);
        } catch (final IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body is not valid JSON (strict UTF-8)");
        }
    }

    public static RequestBody of(final JsonNode node, final Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown member '" + printable(name) + "'", printable(name));
            }
        }
        return new RequestBody(node);
    }

    private static boolean isBlank(final byte[] body) {
        for (final byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The whole body as sent (an object); a parsed body's only. */
    public JsonNode root() {
        return tree();
    }

    /** A member as sent, or null; a parsed body's only. */
    public JsonNode member(final String name) {
        return tree().get(name);
    }

    public boolean has(final String name) {
        final byte kind = kind(name);
        return kind != ABSENT && kind != NULL;
    }

    /** A string member, or null when absent. */
    public String string(final String name, final boolean required) {
        final CharSequence text = chars(name, required);
        return text == null ? null : text.toString();
    }

    /** A string member's characters, or null when absent. */
    private CharSequence chars(final String name, final boolean required) {
        final byte kind = kind(name);
        if (kind == ABSENT || kind == NULL) {
            if (required) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is required", name);
            }
            return null;
        }
        if (kind != STRING) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a string", name);
        }
        return text(name);
    }

    public boolean bool(final String name, final boolean absent) {
        final byte kind = kind(name);
        if (kind == ABSENT || kind == NULL) {
            return absent;
        }
        if (kind != TRUE && kind != FALSE) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be true or false", name);
        }
        return kind == TRUE;
    }

    /** A string member that must be one of an enum's wire names. */
    public <E extends Enum<E> & WireEnum> E enumValue(final String name, final boolean required,
                                                      final Function<CharSequence, E> fromWire, final String expected) {
        final CharSequence text = chars(name, required);
        if (text == null) {
            return null;
        }
        final E value = fromWire.apply(text);
        if (value == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be one of " + expected, name);
        }
        return value;
    }

    /** A price in ticks (≥ 1), or 0 when absent and not required. */
    public long price(final String name, final Market market, final boolean required) {
        return decimal(name, required, ErrorCode.INVALID_PRICE, market::parsePrice,
            () -> "a multiple of the tick size " + market.formatPrice(1));
    }

    /** A size in lots (≥ 1), or 0 when absent and not required. */
    public long size(final String name, final Market market, final boolean required) {
        return decimal(name, required, ErrorCode.INVALID_SIZE, market::parseSize,
            () -> "a multiple of the lot size " + market.formatSize(1));
    }

    /** An amount of {@code asset} in minor units (≥ 1), or 0 when absent and not required. */
    public long amount(final String name, final Asset asset, final boolean required) {
        return decimal(name, required, ErrorCode.INVALID_SIZE, asset::parseAmount,
            () -> "at most " + asset.scale() + " decimals for " + asset.symbol());
    }

    private long decimal(final String name, final boolean required, final ErrorCode code,
                         final java.util.function.ToLongFunction<CharSequence> parser,
                         final java.util.function.Supplier<String> rule) {
        final byte kind = kind(name);
        if (kind == ABSENT || kind == NULL) {
            if (required) {
                throw new ApiException(code, name + " is required", name);
            }
            return 0;
        }
        if (kind != STRING) {
            throw new ApiException(code, name + " must be a decimal string such as \"0.01\", not a JSON " + kindName(kind), name);
        }
        return parseDecimal(name, text(name), code, parser, rule);
    }

    /**
     * Parses decimal text with the rules of {@link #price}/{@link #size}. {@code rule} words what the value
     * must be, for the error only: formatting it for every request cost more than the parse.
     */
    public static long parseDecimal(final String name, final CharSequence text, final ErrorCode code,
                                    final java.util.function.ToLongFunction<CharSequence> parser,
                                    final java.util.function.Supplier<String> rule) {
        final long parsed = parser.applyAsLong(text);
        if (parsed == DecimalCodec.MALFORMED) {
            throw new ApiException(code, name + " must be a plain decimal string such as \"0.01\" (no sign, exponent or spaces)", name);
        }
        if (parsed == DecimalCodec.TOO_PRECISE || parsed == Market.NOT_A_MULTIPLE) {
            throw new ApiException(code, name + " must be " + rule.get(), name);
        }
        if (parsed == DecimalCodec.OUT_OF_RANGE || parsed < 0) {
            throw new ApiException(code, name + " is too large", name);
        }
        if (parsed == 0) {
            throw new ApiException(code, name + " must be greater than zero", name);
        }
        return parsed;
    }

    private static String kindName(final byte kind) {
        return kind == NUMBER ? "number" : kind == TRUE || kind == FALSE ? "boolean" : kind == ARRAY ? "array" : "object";
    }

    /** A name safe to echo: printable ASCII, at most 64 characters. */
    static String printable(final String name) {
        final StringBuilder out = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && out.length() < 64; i++) {
            final char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
