package io.tidemark.gateway.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The networks a key may be used from, as IPv4 and IPv6 CIDRs; empty allows any address. IPv4 clients
 * reaching an IPv6 socket (::ffff:a.b.c.d) match IPv4 entries. Immutable.
 */
public final class IpAllowlist {
    public static final IpAllowlist ANY = new IpAllowlist(List.of());

    private final List<Cidr> networks;

    private IpAllowlist(final List<Cidr> networks) {
        this.networks = networks;
    }

    /** Parses CIDRs (or single addresses); throws {@link IllegalArgumentException} naming a bad entry. */
    public static IpAllowlist of(final List<String> entries) {
        final List<Cidr> networks = new ArrayList<>();
        for (final String entry : entries) {
            networks.add(Cidr.parse(entry));
        }
        return networks.isEmpty() ? ANY : new IpAllowlist(Collections.unmodifiableList(networks));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean allows(final InetAddress address) {
        if (networks.isEmpty()) {
            return true;
        }
        final byte[] bytes = normalise(address);
        for (final Cidr network : networks) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The entries as written back to the key store. */
    public List<String> entries() {
        final List<String> entries = new ArrayList<>();
        networks.forEach(network -> entries.add(network.text));
        return entries;
    }

    private static byte[] normalise(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            final byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(final byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return networks.isEmpty() ? "any" : entries().toString();
    }

    /** One network: address bytes and prefix length. */
    private static final class Cidr {
        final String text;
        final byte[] network;
        final int prefix;

        private Cidr(final String text, final byte[] network, final int prefix) {
            this.text = text;
            this.network = network;
            this.prefix = prefix;
        }

        static Cidr parse(final String entry) {
            final String text = entry.trim();
            final int slash = text.indexOf('/');
            final String host = slash < 0 ? text : text.substring(0, slash);
            if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("not an IP network: " + entry);
            }
            final InetAddress address;
            try {
                // a literal only: letters outside hex and DNS names never get here
                address = InetAddress.getByName(host);
            } catch (final UnknownHostException e) {
                throw new IllegalArgumentException("not an IP network: " + entry);
            }
            final byte[] bytes = normalise(address);
            final int max = bytes.length * 8;
            // an IPv4-mapped IPv6 literal (::ffff:a.b.c.d) becomes its IPv4 address; its prefix counts from bit 96
            final boolean mapped = address instanceof Inet4Address && host.contains(":");
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + entry);
            }
            if (mapped && slash >= 0) {
                if (prefix < 96) {
                    throw new IllegalArgumentException("an IPv4-mapped network needs a prefix of 96-128: " + entry);
                }
                prefix -= 96;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("bad prefix length in " + entry);
            }
            return new Cidr(text, bytes, prefix);
        }

        boolean contains(final byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            final int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            final int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            final int mask = 0xff << (8 - rest) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
