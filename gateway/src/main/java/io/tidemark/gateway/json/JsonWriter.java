package io.tidemark.gateway.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * A JSON value that writes itself to a generator. The hot shapes (orders, fills, balances) are written
 * this way, straight to bytes, instead of being built as a tree first: the tree (a hash map per object,
 * a node per field) was most of the cost of answering an order.
 */
@FunctionalInterface
public interface JsonWriter {
    void write(JsonGenerator out) throws IOException;
}
