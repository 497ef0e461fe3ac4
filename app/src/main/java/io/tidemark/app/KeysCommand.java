package io.tidemark.app;

import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tidemark keys create|list|revoke}: manage API keys in a data directory, also while the server
 * runs (it re-reads the key file within a second). The secret is printed once, at creation, and never
 * again.
 */
public final class KeysCommand {
    private static final String USAGE = String.join("\n",
        "usage: tidemark keys create [--data-dir ./data] [--account N] [--scopes read,trade,withdraw]",
        "                            [--ip-allowlist CIDR,...] [--tier retail|verified|market_maker] [--drift-ms 5000]",
        "       tidemark keys create --admin [--data-dir ./data] [--ip-allowlist CIDR,...]   (an operator's key)",
        "       tidemark keys list   [--data-dir ./data] [--account N]",
        "       tidemark keys revoke [--data-dir ./data] --key KEY_ID");

    private KeysCommand() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 ok, 1 failed, 2 usage). */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            final List<String> rest = Arrays.asList(args).subList(1, args.length);
            final Flags flags = Flags.parse(rest, Set.of("data-dir", "account", "scopes", "ip-allowlist", "tier",
                "drift-ms", "key"), Set.of("admin"));
            final KeyStore keys = new KeyStore(flags.path("data-dir", "./data").toAbsolutePath());
            switch (args[0]) {
                case "create" -> create(keys, flags, out);
                case "list" -> list(keys, flags, out);
                case "revoke" -> {
                    final String id = flags.get("key", null);
                    if (id == null) {
                        throw new IllegalArgumentException("--key is required");
                    }
                    if (!keys.revoke(id)) {
                        err.println("no key " + id);
                        return 1;
                    }
                    out.println("revoked " + id);
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            return 0;
        } catch (final IllegalArgumentException e) {
            err.println("tidemark keys: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static void create(final KeyStore keys, final Flags flags, final PrintStream out) {
        final String allow = flags.get("ip-allowlist", "");
        final List<String> allowlist = allow.isBlank() ? List.of() : Arrays.stream(allow.split(",")).map(String::trim).toList();
        if (flags.has("admin")) {
            if (flags.has("account") || flags.has("scopes") || flags.has("tier")) {
                throw new IllegalArgumentException("an admin key has no account, scopes or tier to choose");
            }
            final KeyStore.Created created = keys.createAdminKey(allowlist);
            out.println("key        " + created.key().id());
            out.println("secret     " + created.secret() + "   (shown once: store it now)");
            out.println("scopes     " + describe(created.key()));
            return;
        }
        final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (final String name : flags.get("scopes", "read,trade").split(",")) {
            final Scope scope = Scope.accountScope(name.trim());
            if (scope == null) {
                throw new IllegalArgumentException("unknown scope " + name + " (read, trade, withdraw; an admin key: --admin)");
            }
            scopes.add(scope);
        }
        final Tier tier = Tier.fromWire(flags.get("tier", "retail"));
        if (tier == null) {
            throw new IllegalArgumentException("unknown tier (retail, verified, market_maker)");
        }
        final long drift = flags.integer("drift-ms", (int) ApiKey.DEFAULT_DRIFT_MILLIS);
        final KeyStore.Created created = flags.has("account")
            ? keys.createKey(flags.integer("account", 0), scopes, allowlist, tier, drift)
            : keys.createAccountWithKey(scopes, allowlist, tier, drift);
        out.println("account_id " + created.key().accountId());
        out.println("key        " + created.key().id());
        out.println("secret     " + created.secret() + "   (shown once: store it now)");
        out.println("scopes     " + describe(created.key()));
    }

    private static void list(final KeyStore keys, final Flags flags, final PrintStream out) {
        final long account = flags.integer("account", 0);
        keys.all().stream()
            .filter(key -> account == 0 || key.accountId() == account)
            .sorted(Comparator.comparingLong(ApiKey::accountId).thenComparingLong(ApiKey::createdAtMillis))
            .forEach(key -> out.println(key.id() + "  account=" + key.accountId() + "  " + describe(key)
                + (key.revoked() ? "  REVOKED" : "")));
    }

    private static String describe(final ApiKey key) {
        return key.scopes().stream().map(Scope::wireName).sorted().toList() + " tier=" + key.tier().wireName()
            + " allow=" + (key.allowlist().isEmpty() ? "any" : key.allowlist().entries()) + " drift_ms=" + key.driftMillis();
    }
}
