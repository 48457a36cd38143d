package io.codinspect.controlplane.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowlistTest {

    private static final HostAllowlist LIST = HostAllowlist.of(
            List.of(
                    "github.com",
                    "*.githubusercontent.com",
                    "Registry.NPMjs.org.",
                    "git.acme.internal:8443",
                    "10.20.30.40",
                    "[fd00::1]:22",
                    "127.0.0.2:*"),
            List.of(443, 80),
            "codinspect.sandbox.egress.allowed-hosts");

    @Test
    void exactNamesMatchWithoutCaseOrTrailingDotOnTheDefaultPorts() {
        assertThat(allowed("github.com", 443)).isTrue();
        assertThat(allowed("GitHub.COM.", 80)).isTrue();
        assertThat(allowed("registry.npmjs.org", 443)).isTrue();
        assertThat(allowed("github.com", 22)).isFalse();
        assertThat(LIST.refusal("github.com", 22)).contains("is not allowed on port 22");
        assertThat(allowed("api.github.com", 443))
                .as("an exact name is not a wildcard")
                .isFalse();
        assertThat(allowed("github.com.evil.example", 443)).isFalse();
        assertThat(allowed("evilgithub.com", 443)).isFalse();
    }

    @Test
    void aWildcardMatchesEverySubdomainButNotTheDomainItself() {
        assertThat(allowed("raw.githubusercontent.com", 443)).isTrue();
        assertThat(allowed("a.b.githubusercontent.com", 443)).isTrue();
        assertThat(allowed("githubusercontent.com", 443)).isFalse();
        assertThat(allowed("evilgithubusercontent.com", 443)).isFalse();
        assertThat(LIST.refusal("evil.example.com", 443)).contains("is not an allowed host");
    }

    @Test
    void anEntryWithAPortAllowsThatPortOnly() {
        assertThat(allowed("git.acme.internal", 8443)).isTrue();
        assertThat(allowed("git.acme.internal", 443)).isFalse();
        assertThat(allowed("fd00::1", 22)).isTrue();
        assertThat(allowed("fd00:0::1", 22))
                .as("IPv6 compares in canonical form")
                .isTrue();
        assertThat(allowed("fd00::1", 443)).isFalse();
        assertThat(allowed("127.0.0.2", 44321)).as(":* is any port").isTrue();
    }

    @Test
    void ipAddressesAreAllowedOnlyWhenListedAndNeverByAWildcard() {
        assertThat(allowed("10.20.30.40", 443)).isTrue();
        assertThat(allowed("10.20.30.41", 443)).isFalse();
        assertThat(LIST.refusal("10.20.30.41", 443)).contains("is an IP address that is not listed");
        assertThat(LIST.refusal("fd00::2", 22)).contains("is an IP address that is not listed");
    }

    @Test
    void onlyHostNamesAndIpAddressesAreHostsAndNumbersAreNotNames() {
        assertThat(HostAllowlist.normalize("[::FFFF:127.0.0.1]")).contains("127.0.0.1");
        assertThat(HostAllowlist.normalize("127.1"))
                .as("a resolver would read 127.0.0.1")
                .isEmpty();
        assertThat(HostAllowlist.normalize("2130706433")).isEmpty();
        assertThat(HostAllowlist.normalize("0x7f.1")).isEmpty();
        assertThat(HostAllowlist.normalize("evil.com/x")).isEmpty();
        assertThat(HostAllowlist.normalize("a..b")).isEmpty();
        assertThat(HostAllowlist.normalize("")).isEmpty();
        assertThat(HostAllowlist.normalize("x".repeat(64) + ".com")).isEmpty();
        assertThat(HostAllowlist.normalize("my_host-1.example.com")).contains("my_host-1.example.com");
    }

    @Test
    void aMalformedEntryStopsStartUpNamingTheSetting() {
        for (var entry : List.of(
                "*",
                "*.",
                "exa mple.com",
                "github.com:0",
                "github.com:http",
                "github.com:**",
                "*.10.0.0.1",
                "*.0.0.1")) {
            assertThatThrownBy(() -> HostAllowlist.of(List.of(entry), List.of(443), "codinspect.x"))
                    .as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("codinspect.x");
        }
    }

    private static boolean allowed(String host, int port) {
        return LIST.refusal(HostAllowlist.normalize(host).orElseThrow(), port).isEmpty();
    }
}
