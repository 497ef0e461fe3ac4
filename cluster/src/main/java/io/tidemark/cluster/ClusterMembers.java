package io.tidemark.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a cluster as the operator writes them, {@code "0=host:port,1=host:port,2=host:port"}:
 * member {@code id} listens on {@code port} (ingress from gateways), {@code port+1} (consensus),
 * {@code port+2} (log), {@code port+3} (catch-up) and {@code port+4} (archive control).
 */
public record ClusterMembers(List<Member> members) {
    public static final int INGRESS = 0;
    public static final int CONSENSUS = 1;
    public static final int LOG = 2;
    public static final int CATCH_UP = 3;
    public static final int ARCHIVE = 4;
    /** Ports each member uses from its base port on. */
    public static final int PORTS_PER_MEMBER = 5;

    public record Member(int id, String host, int port) {
        public String endpoint(final int offset) {
            return host + ":" + (port + offset);
        }
    }

    public ClusterMembers {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() != i) {
                throw new IllegalArgumentException("member ids must be 0, 1, 2, … in order; found " + members.get(i).id()
                    + " at position " + i);
            }
        }
    }

    /** Parses {@code "0=host:port,1=host:port"}; a clear message for anything else. */
    public static ClusterMembers parse(final String text) {
        final List<Member> members = new ArrayList<>();
        for (final String part : text.split(",")) {
            final String item = part.trim();
            final int equals = item.indexOf('=');
            final int colon = item.lastIndexOf(':');
            if (equals <= 0 || colon <= equals + 1 || colon == item.length() - 1) {
                throw new IllegalArgumentException("cluster member '" + item + "' is not id=host:port");
            }
            try {
                final int id = Integer.parseInt(item.substring(0, equals));
                final int port = Integer.parseInt(item.substring(colon + 1));
                if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65_535) {
                    throw new IllegalArgumentException("cluster member '" + item + "': port out of range");
                }
                members.add(new Member(id, item.substring(equals + 1, colon), port));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("cluster member '" + item + "' is not id=host:port");
            }
        }
        return new ClusterMembers(members);
    }

    /** {@code n} members on one host, member i at {@code basePort + i * PORTS_PER_MEMBER}. */
    public static ClusterMembers onOneHost(final int n, final String host, final int basePort) {
        final List<Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(new Member(i, host, basePort + i * PORTS_PER_MEMBER));
        }
        return new ClusterMembers(members);
    }

    public Member member(final int id) {
        if (id < 0 || id >= members.size()) {
            throw new IllegalArgumentException("no cluster member " + id + " among " + members.size());
        }
        return members.get(id);
    }

    public int size() {
        return members.size();
    }

    /** Aeron's form: {@code id,ingress,consensus,log,catchup,archive|…}. */
    public String consensusMembers() {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members) {
            sb.append(m.id()).append(',').append(m.endpoint(INGRESS)).append(',').append(m.endpoint(CONSENSUS))
                .append(',').append(m.endpoint(LOG)).append(',').append(m.endpoint(CATCH_UP))
                .append(',').append(m.endpoint(ARCHIVE)).append('|');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The client's form: {@code id=host:ingressPort,…}. */
    public String ingressEndpoints() {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members) {
            sb.append(sb.isEmpty() ? "" : ",").append(m.id()).append('=').append(m.endpoint(INGRESS));
        }
        return sb.toString();
    }

    /** As written on a command line. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members) {
            sb.append(sb.isEmpty() ? "" : ",").append(m.id()).append('=').append(m.host()).append(':').append(m.port());
        }
        return sb.toString();
    }
}
