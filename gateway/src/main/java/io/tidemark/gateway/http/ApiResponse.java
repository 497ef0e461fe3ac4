package io.tidemark.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.JsonWriter;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response to one {@link ApiRequest}: status, body, and headers beyond the ones every response gets. */
public final class ApiResponse {
    private final ApiRequest request;
    private final HttpResponseStatus status;
    private final byte[] body;
    private final String contentType;
    /** Extra headers; most responses have none, so the map is made on the first. */
    private Map<String, String> headers = Map.of();
    private ErrorCode error;

    private ApiResponse(final ApiRequest request, final HttpResponseStatus status, final byte[] body,
                        final String contentType) {
        this.request = request;
        this.status = status;
        this.body = body;
        this.contentType = contentType;
    }

    /** {@code {"data": ...}}. */
    public static ApiResponse data(final ApiRequest request, final JsonNode data) {
        return data(request, Json.tree(data));
    }

    /** {@code {"data": ...}}. */
    public static ApiResponse data(final ApiRequest request, final JsonWriter data) {
        return new ApiResponse(request, HttpResponseStatus.OK, Json.bytes(out -> {
            out.writeStartObject();
            out.writeFieldName("data");
            data.write(out);
            out.writeEndObject();
        }), "application/json");
    }

    /** {@code {"data": [...], "next_cursor": ...}}. */
    public static ApiResponse page(final ApiRequest request, final JsonNode items, final String nextCursor) {
        return page(request, Json.tree(items), nextCursor);
    }

    /** {@code {"data": [...], "next_cursor": ...}}; {@code items} writes the array. */
    public static ApiResponse page(final ApiRequest request, final JsonWriter items, final String nextCursor) {
        return new ApiResponse(request, HttpResponseStatus.OK, Json.bytes(out -> {
            out.writeStartObject();
            out.writeFieldName("data");
            items.write(out);
            Json.stringOrNull(out, "next_cursor", nextCursor);
            out.writeEndObject();
        }), "application/json");
    }

    /** {@code {"data": [...], "next_cursor": ..., ...extra}}: a page with fields about the whole list beside it. */
    public static ApiResponse page(final ApiRequest request, final JsonNode items, final String nextCursor,
                                   final ObjectNode extra) {
        return new ApiResponse(request, HttpResponseStatus.OK, Json.bytes(out -> {
            out.writeStartObject();
            out.writeFieldName("data");
            Json.tree(items).write(out);
            Json.stringOrNull(out, "next_cursor", nextCursor);
            final java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = extra.fields();
            while (fields.hasNext()) {
                final java.util.Map.Entry<String, JsonNode> field = fields.next();
                out.writeFieldName(field.getKey());
                Json.tree(field.getValue()).write(out);
            }
            out.writeEndObject();
        }), "application/json");
    }

    /** {@code {"error": {"code", "message", "field"?, ...extra}}} with the code's status. */
    public static ApiResponse error(final ApiRequest request, final ApiException e) {
        final ObjectNode root = Json.object();
        final ObjectNode error = root.putObject("error");
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        e.extra().forEach((name, value) -> error.set(name, Json.MAPPER.valueToTree(value)));
        final ApiResponse response = new ApiResponse(request, e.code().status(), Json.bytes(root), "application/json");
        response.error = e.code();
        return response;
    }

    public static ApiResponse raw(final ApiRequest request, final byte[] body, final String contentType) {
        return new ApiResponse(request, HttpResponseStatus.OK, body, contentType);
    }

    public ApiResponse header(final String name, final String value) {
        if (headers.isEmpty()) {
            headers = new LinkedHashMap<>();
        }
        headers.put(name, value);
        return this;
    }

    public ApiRequest request() {
        return request;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The error code, or null for a success. */
    public ErrorCode error() {
        return error;
    }
}
