package io.tidemark.gateway.api;

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
 */
public final class RequestBody {
    private final JsonNode root;

    private RequestBody(final JsonNode root) {
        this.root = root;
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

    /** The whole body as sent (an object). */
    public JsonNode root() {
        return root;
    }

    /** A member as sent, or null. */
    public JsonNode member(final String name) {
        return root.get(name);
    }

    public boolean has(final String name) {
        final JsonNode value = root.get(name);
        return value != null && !value.isNull();
    }

    /** A string member, or null when absent. */
    public String string(final String name, final boolean required) {
        final JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is required", name);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a string", name);
        }
        return value.textValue();
    }

    public boolean bool(final String name, final boolean absent) {
        final JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be true or false", name);
        }
        return value.booleanValue();
    }

    /** A string member that must be one of an enum's wire names. */
    public <E extends Enum<E> & WireEnum> E enumValue(final String name, final boolean required,
                                                      final Function<String, E> fromWire, final String expected) {
        final String text = string(name, required);
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
            "a multiple of the tick size " + market.formatPrice(1));
    }

    /** A size in lots (≥ 1), or 0 when absent and not required. */
    public long size(final String name, final Market market, final boolean required) {
        return decimal(name, required, ErrorCode.INVALID_SIZE, market::parseSize,
            "a multiple of the lot size " + market.formatSize(1));
    }

    /** An amount of {@code asset} in minor units (≥ 1), or 0 when absent and not required. */
    public long amount(final String name, final Asset asset, final boolean required) {
        return decimal(name, required, ErrorCode.INVALID_SIZE, asset::parseAmount,
            "at most " + asset.scale() + " decimals for " + asset.symbol());
    }

    private long decimal(final String name, final boolean required, final ErrorCode code,
                         final java.util.function.ToLongFunction<String> parser, final String rule) {
        final JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiException(code, name + " is required", name);
            }
            return 0;
        }
        if (!value.isTextual()) {
            throw new ApiException(code, name + " must be a decimal string such as \"0.01\", not a JSON " + kind(value), name);
        }
        return parseDecimal(name, value.textValue(), code, parser, rule);
    }

    /** Parses decimal text with the rules of {@link #price}/{@link #size}; shared with query parameters. */
    public static long parseDecimal(final String name, final String text, final ErrorCode code,
                                    final java.util.function.ToLongFunction<String> parser, final String rule) {
        final long parsed = parser.applyAsLong(text);
        if (parsed == DecimalCodec.MALFORMED) {
            throw new ApiException(code, name + " must be a plain decimal string such as \"0.01\" (no sign, exponent or spaces)", name);
        }
        if (parsed == DecimalCodec.TOO_PRECISE || parsed == Market.NOT_A_MULTIPLE) {
            throw new ApiException(code, name + " must be " + rule, name);
        }
        if (parsed == DecimalCodec.OUT_OF_RANGE || parsed < 0) {
            throw new ApiException(code, name + " is too large", name);
        }
        if (parsed == 0) {
            throw new ApiException(code, name + " must be greater than zero", name);
        }
        return parsed;
    }

    private static String kind(final JsonNode value) {
        return value.isNumber() ? "number" : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
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
