package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.IpAllowlist;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a request that makes an API key ({@code scopes}, {@code ip_allowlist}), read the same way
 * wherever a key is made: the operator's {@code POST /v1/admin/accounts/{id}/keys} and the sandbox's
 * self-signup.
 */
public final class KeyFields {
    /** Scopes of a key made without {@code scopes}. */
    public static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.READ, Scope.TRADE);
    public static final int MAX_ALLOWLIST = 32;
    private static final int MAX_CIDR_LENGTH = 64;

    private KeyFields() {
    }

    /** {@code scopes}: a non-empty array of account scopes; absent or null: {@link #DEFAULT_SCOPES}. */
    public static Set<Scope> scopes(final JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_SCOPES;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "scopes must be a non-empty array of read, trade, withdraw",
                "scopes");
        }
        final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (final JsonNode item : node) {
            final Scope scope = item.isTextual() ? Scope.accountScope(item.textValue()) : null;
            if (scope == null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "scopes may hold only read, trade, withdraw", "scopes");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** {@code ip_allowlist}: at most {@link #MAX_ALLOWLIST} CIDRs, each parsed here; absent or null: none. */
    public static List<String> allowlist(final JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ALLOWLIST) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "ip_allowlist must be an array of at most " + MAX_ALLOWLIST
                + " CIDRs such as \"127.0.0.1/32\" or \"::1/128\"", "ip_allowlist");
        }
        final List<String> entries = new ArrayList<>();
        for (final JsonNode item : node) {
            if (!item.isTextual() || item.textValue().length() > MAX_CIDR_LENGTH) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "ip_allowlist entries must be CIDR strings", "ip_allowlist");
            }
            entries.add(item.textValue());
        }
        try {
            IpAllowlist.of(entries);
        } catch (final IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "ip_allowlist: " + e.getMessage(), "ip_allowlist");
        }
        return entries;
    }
}
