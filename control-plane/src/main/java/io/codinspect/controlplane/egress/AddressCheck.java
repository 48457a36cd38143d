package io.codinspect.controlplane.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which resolved addresses the proxy may connect to for a host name: public unicast ones, and
 * loopback, private and unique-local ones only when {@code allow-private-addresses} is on.
 * Link-local addresses (the cloud metadata endpoints 169.254.169.254 and {@code fd00:ec2::254}
 * among them), unspecified, multicast and reserved ones never. IPv4 addresses inside IPv6 ones
 * (mapped, NAT64, 6to4) are judged as the IPv4 address they carry. Pure.
 */
final class AddressCheck {

    private static final byte[] AWS_METADATA_V6 = bytes("fd00:ec2::254");

    private AddressCheck() {}

    /** Why the proxy must not connect to {@code address}, or empty when it may. */
    static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        if (address instanceof Inet6Address v6) {
            var embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                return refusal(embedded.get(), allowPrivate);
            }
            if (Arrays.equals(v6.getAddress(), AWS_METADATA_V6)) {
                return Optional.of("a cloud metadata address");
            }
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || reserved(address)) {
            return Optional.of("not a unicast address one may connect to");
        }
        if (!allowPrivate && privateRange(address)) {
            return Optional.of("a private address");
        }
        return Optional.empty();
    }

    /** Loopback, RFC 1918, shared (100.64.0.0/10) and unique-local IPv6 addresses. */
    static boolean privateRange(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress()) {
            return true;
        }
        var b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return (b[0] & 0xfe) == 0xfc;
    }

    private static boolean reserved(InetAddress address) {
        var b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            return first == 0 || first >= 240;
        }
        return false;
    }

    /** The IPv4 address in an IPv4-mapped ({@code ::ffff:a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) or 6to4 address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        var mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        var nat64 = b[0] == 0
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || nat64) {
            return v4(Arrays.copyOfRange(b, 12, 16));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return v4(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<InetAddress> v4(byte[] b) {
        try {
            return Optional.of(InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String literal) {
        return IpLiteral.parse(literal).orElseThrow().getAddress();
    }
}
