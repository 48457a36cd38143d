package io.codinspect.controlplane.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.egress.EgressPolicy.Decision;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {

    private static final Map<String, String[]> DNS = Map.of(
            "github.com", new String[] {"140.82.112.3"},
            "rebound.example.com", new String[] {"127.0.0.1"},
            "internal.example.com", new String[] {"10.0.0.7"},
            "mixed.example.com", new String[] {"10.0.0.8", "140.82.112.4"},
            "metadata.example.com", new String[] {"169.254.169.254"});

    private static final HostAllowlist ALLOWED =
            HostAllowlist.of(List.of("github.com", "*.example.com", "10.9.9.9", "169.254.169.254"), List.of(443), "s");

    @Test
    void anAllowedNameGoesToTheAddressItResolvesTo() {
        assertThat(policy(false).decide("GitHub.com.", 443))
                .isEqualTo(new Decision.Allowed(List.of(address("140.82.112.3"))));
    }

    @Test
    void aHostOffTheListIsRefusedBeforeAnyLookup() {
        var lookedUp = new java.util.concurrent.atomic.AtomicBoolean();
        var policy = new EgressPolicy(ALLOWED, false, Duration.ofSeconds(1), name -> {
            lookedUp.set(true);
            throw new UnknownHostException(name);
        });

        assertThat(policy.decide("evil.test", 443))
                .isEqualTo(new Decision.Refused("is not an allowed host", EgressPolicy.HOSTS));
        assertThat(policy.decide("github.com", 22))
                .isEqualTo(new Decision.Refused("is not allowed on port 22", EgressPolicy.HOSTS));
        assertThat(policy.decide("not a host", 443)).isInstanceOf(Decision.Refused.class);
        assertThat(lookedUp).isFalse();
    }

    @Test
    void anAllowedNameResolvingToTheControlPlanesLoopbackOrAPrivateRangeIsRefusedUnlessPrivateAddressesAreAllowed() {
        assertThat(policy(false).decide("rebound.example.com", 443))
                .isEqualTo(new Decision.Refused("resolves to 127.0.0.1, a private address", EgressPolicy.PRIVATE));
        assertThat(policy(false).decide("internal.example.com", 443)).isInstanceOf(Decision.Refused.class);
        assertThat(policy(true).decide("internal.example.com", 443))
                .isEqualTo(new Decision.Allowed(List.of(address("10.0.0.7"))));
        assertThat(policy(false).decide("mixed.example.com", 443))
                .as("only the public address is used")
                .isEqualTo(new Decision.Allowed(List.of(address("140.82.112.4"))));
    }

    @Test
    void aNameResolvingToAMetadataAddressIsRefusedEvenWithPrivateAddressesAllowed() {
        assertThat(policy(true).decide("metadata.example.com", 443))
                .isEqualTo(
                        new Decision.Refused("resolves to 169.254.169.254, a link-local address", EgressPolicy.HOSTS));
    }

    @Test
    void aListedIpAddressIsReachedAsSuchAndAnUnlistedOneIsRefused() {
        assertThat(policy(false).decide("10.9.9.9", 443)).isEqualTo(new Decision.Allowed(List.of(address("10.9.9.9"))));
        assertThat(policy(false).decide("169.254.169.254", 443)).isInstanceOf(Decision.Allowed.class);
        assertThat(policy(false).decide("10.9.9.8", 443))
                .isEqualTo(new Decision.Refused("is an IP address that is not listed", EgressPolicy.HOSTS));
    }

    @Test
    void aNameThatDoesNotResolveInTimeIsUnreachableNotRefused() throws Exception {
        var never = new CountDownLatch(1);
        var slow = new EgressPolicy(ALLOWED, false, Duration.ofMillis(100), name -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(name);
        });

        assertThat(slow.decide("slow.example.com", 443)).isInstanceOf(Decision.Unreachable.class);
        assertThat(policy(false).decide("nxdomain.example.com", 443))
                .isEqualTo(new Decision.Unreachable("does not resolve"));
    }

    private static EgressPolicy policy(boolean allowPrivate) {
        return new EgressPolicy(ALLOWED, allowPrivate, Duration.ofSeconds(1), name -> {
            var answer = DNS.get(name);
            if (answer == null) {
                throw new UnknownHostException(name);
            }
            var addresses = new InetAddress[answer.length];
            for (int i = 0; i < answer.length; i++) {
                addresses[i] = address(answer[i]);
            }
            return addresses;
        });
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
