package io.tidemark.gateway.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAllowlistTest {
    private static InetAddress ip(final String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anEmptyListAllowsEveryAddress() throws Exception {
        assertThat(IpAllowlist.of(List.of()).allows(ip("203.0.113.9"))).isTrue();
        assertThat(IpAllowlist.of(List.of()).allows(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void ipv4NetworksMatchByPrefix() throws Exception {
        final IpAllowlist list = IpAllowlist.of(List.of("10.1.0.0/16", "192.0.2.7"));
        assertThat(list.allows(ip("10.1.255.3"))).isTrue();
        assertThat(list.allows(ip("10.2.0.1"))).isFalse();
        assertThat(list.allows(ip("192.0.2.7"))).isTrue();
        assertThat(list.allows(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void ipv6NetworksMatchByPrefix() throws Exception {
        final IpAllowlist list = IpAllowlist.of(List.of("2001:db8:abcd::/48", "::1"));
        assertThat(list.allows(ip("2001:db8:abcd:12::5"))).isTrue();
        assertThat(list.allows(ip("2001:db8:abce::5"))).isFalse();
        assertThat(list.allows(ip("::1"))).isTrue();
        assertThat(list.allows(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void oddPrefixLengthsMaskWithinAByte() throws Exception {
        final IpAllowlist list = IpAllowlist.of(List.of("2001:db8::/29"));
        assertThat(list.allows(ip("2001:db8::1"))).isTrue();
        assertThat(list.allows(ip("2001:dbf:ffff::1"))).isTrue();
        assertThat(list.allows(ip("2001:dc0::1"))).isFalse();
    }

    @Test
    void ipv4MappedEntriesAndClientsAreTreatedAsIpv4() throws Exception {
        final IpAllowlist list = IpAllowlist.of(List.of("::ffff:10.0.0.0/104"));
        assertThat(list.allows(ip("10.200.1.1"))).isTrue();
        assertThat(list.allows(ip("::ffff:10.3.3.3"))).isTrue();
        assertThat(list.allows(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void malformedEntriesAreRefusedWithTheirText() {
        for (final String bad : List.of("example.com", "10.0.0.0/33", "::/129", "10.0.0.0/x", "", "::ffff:1.2.3.4/64")) {
            assertThatThrownBy(() -> IpAllowlist.of(List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
