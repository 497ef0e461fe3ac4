package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.JsonWriter;
import io.tidemark.gateway.json.Times;

/**
 * The server's answers to client ops: {@code ack}, {@code error} (the REST error object), {@code pong},
 * {@code order}; the idle {@code heartbeat}, and what a safety switch cancelled. The op's {@code id} is
 * echoed exactly as sent.
 */
final class WsMessages {
    private WsMessages() {
    }

    static byte[] ack(final JsonNode id) {
        return Json.bytes(typed("ack", id));
    }

    static byte[] pong(final JsonNode id, final long nowMillis) {
        final ObjectNode node = typed("pong", id);
        node.put("time", Times.ofEpochMillis(nowMillis));
        return Json.bytes(node);
    }

    static byte[] heartbeat(final long nowMillis) {
        final ObjectNode node = Json.object();
        node.put("type", "heartbeat");
        node.put("time", Times.ofEpochMillis(nowMillis));
        return Json.bytes(node);
    }

    /** The answer to {@code cancel_after}: when the account's orders will be cancelled, or null once disarmed. */
    static byte[] cancelAfter(final JsonNode id, final String cancelAt) {
        final ObjectNode node = typed("ack", id);
        node.put("cancel_at", cancelAt);
        return Json.bytes(node);
    }

    /** What a safety switch ({@code type}: {@code cancel_after}) cancelled. */
    static byte[] cancelled(final String type, final long[] orderIds) {
        final ObjectNode node = Json.object();
        node.put("type", type);
        final ArrayNode ids = node.putArray("cancelled_order_ids");
        for (final long orderId : orderIds) {
            ids.add(Long.toString(orderId));
        }
        return Json.bytes(node);
    }

    static byte[] order(final JsonNode id, final JsonWriter order, final boolean replayed) {
        return Json.bytes(out -> {
            out.writeStartObject();
            out.writeStringField("type", "order");
            if (hasId(id)) {
                out.writeFieldName("id");
                out.writeTree(id);
            }
            out.writeFieldName("order");
            order.write(out);
            if (replayed) {
                out.writeBooleanField("replayed", true);
            }
            out.writeEndObject();
        });
    }

    static byte[] error(final JsonNode id, final ApiException e) {
        final ObjectNode node = typed("error", id);
        final ObjectNode error = node.putObject("error");
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        e.extra().forEach((name, value) -> error.set(name, Json.MAPPER.valueToTree(value)));
        return Json.bytes(node);
    }

    static byte[] error(final JsonNode id, final ErrorCode code, final String message, final String field) {
        return error(id, new ApiException(code, message, field));
    }

    private static ObjectNode typed(final String type, final JsonNode id) {
        final ObjectNode node = Json.object();
        node.put("type", type);
        if (hasId(id)) {
            node.set("id", id);
        }
        return node;
    }

    /** Whether the op gave an id to echo. */
    private static boolean hasId(final JsonNode id) {
        return id != null && !id.isMissingNode() && !id.isNull();
    }
}
