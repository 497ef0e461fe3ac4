package io.tidemark.history.store;

/** One admin action: who (key id), what, with which parameters and result (JSON text), when (epoch ns). */
public record AuditEntry(long id, String keyId, String action, String params, String result, long time) {
}
