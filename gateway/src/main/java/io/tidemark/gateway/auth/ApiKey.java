package io.tidemark.gateway.auth;

import java.util.Set;

/**
 * One API key: its public id, the account it acts for, its secret (never logged, never returned after
 * creation), scopes, IP allowlist, tier, and clock-drift tolerance. Immutable; revocation makes a new one.
 *
 * @param driftMillis how far the request timestamp may be from server time (default 5,000, at most 60,000)
 * @param revokedAtMillis 0 while the key is valid
 */
public record ApiKey(String id, long accountId, String secret, Set<Scope> scopes, IpAllowlist allowlist, Tier tier,
                     long driftMillis, long createdAtMillis, long revokedAtMillis) {
    public static final long DEFAULT_DRIFT_MILLIS = 5_000;
    public static final long MAX_DRIFT_MILLIS = 60_000;

    public ApiKey {
        scopes = Set.copyOf(scopes);
        if (driftMillis < 1 || driftMillis > MAX_DRIFT_MILLIS) {
            throw new IllegalArgumentException("drift tolerance must be 1.." + MAX_DRIFT_MILLIS + " ms");
        }
    }

    public boolean revoked() {
        return revokedAtMillis != 0;
    }

    /** Whether any of the key's scopes grants {@code required}. */
    public boolean grants(final Scope required) {
        for (final Scope scope : scopes) {
            if (scope.grants(required)) {
                return true;
            }
        }
        return false;
    }

    public ApiKey revokedAt(final long millis) {
        return new ApiKey(id, accountId, secret, scopes, allowlist, tier, driftMillis, createdAtMillis, millis);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ApiKey{" + id + " account=" + accountId + " scopes=" + scopes + " allow=" + allowlist + " tier="
            + tier.wireName() + (revoked() ? " revoked" : "") + '}';
    }
}
