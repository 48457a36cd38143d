package io.codinspect.controlplane.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressCheckTest {

    @Test
    void publicAddressesAreReachable() {
        assertThat(refusal("140.82.112.3", false)).isNull();
        assertThat(refusal("2606:50c0:8000::153", false)).isNull();
    }

    @Test
    void loopbackPrivateSharedAndUniqueLocalAddressesOnlyWhenPrivateAddressesAreAllowed() {
        for (var address : new String[] {
            "127.0.0.1",
            "127.0.0.53",
            "::1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.1.1",
            "100.64.0.1",
            "100.127.255.254",
            "fd12:3456::1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1"
        }) {
            assertThat(refusal(address, false)).as(address).isEqualTo("a private address");
            assertThat(refusal(address, true)).as(address).isNull();
        }
        assertThat(refusal("172.32.0.1", false)).isNull();
        assertThat(refusal("100.128.0.1", false)).isNull();
    }

    @Test
    void linkLocalAndMetadataAddressesNever() {
        for (var address :
                new String[] {"169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "::ffff:169.254.169.254"}) {
            assertThat(refusal(address, true)).as(address).isNotNull();
        }
        assertThat(refusal("fd00:ec2::254", true)).isEqualTo("a cloud metadata address");
    }

    @Test
    void unspecifiedMulticastAndReservedAddressesNever() {
        for (var address :
                new String[] {"0.0.0.0", "::", "224.0.0.1", "ff02::1", "0.1.2.3", "240.0.0.1", "255.255.255.255"}) {
            assertThat(refusal(address, true)).as(address).isNotNull();
        }
    }

    private static String refusal(String literal, boolean allowPrivate) {
        InetAddress address = IpLiteral.parse(literal).orElseThrow();
        return AddressCheck.refusal(address, allowPrivate).orElse(null);
    }
}
