package io.codinspect.controlplane.egress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which host names and ports sandboxes may reach: entries of {@code allowed-hosts} such as {@code
 * github.com}, {@code *.github.com} (every subdomain, not the name itself), {@code 10.1.2.3}
 * or {@code [fd00::1]}, each optionally with {@code :port} (only that port) or {@code :*} (any
 * port; without either, the default ports). Names compare without case and without a
 * trailing dot; a wildcard never matches an IP address, which is allowed only when listed as such.
 * Pure: no DNS.
 */
final class HostAllowlist {

    /** One entry; {@code port} null means any of the default ports, {@link #ANY_PORT} any port at all. */
    record Entry(String host, boolean wildcard, Integer port) {

        boolean matches(String name) {
            return wildcard ? name.endsWith("." + host) : name.equals(host);
        }
    }

    static final int ANY_PORT = 0;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    /** A last label that reads as a number would make the name an IPv4 address to resolvers. */
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    private final List<Entry> entries;
    private final List<Integer> defaultPorts;

    private HostAllowlist(List<Entry> entries, List<Integer> defaultPorts) {
        this.entries = List.copyOf(entries);
        this.defaultPorts = List.copyOf(defaultPorts);
    }

    /** Parses the entries; a malformed one stops start-up, naming {@code setting}. */
    static HostAllowlist of(List<String> entries, List<Integer> defaultPorts, String setting) {
        var parsed = new ArrayList<Entry>();
        for (var entry : entries) {
            parsed.add(parse(entry.strip(), setting));
        }
        return new HostAllowlist(parsed, defaultPorts);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Why {@code host:port} is not allowed, or empty when it is; {@code host} as {@link #normalize} gives it. */
    Optional<String> refusal(String host, int port) {
        var literal = IpLiteral.parse(host).isPresent();
        var listed = entries.stream()
                .filter(e -> literal ? !e.wildcard() && e.host().equals(host) : e.matches(host))
                .toList();
        if (listed.isEmpty()) {
            return Optional.of(literal ? "is an IP address that is not listed" : "is not an allowed host");
        }
        var portAllowed = listed.stream()
                .anyMatch(
                        e -> e.port() == null ? defaultPorts.contains(port) : e.port() == ANY_PORT || e.port() == port);
        return portAllowed ? Optional.empty() : Optional.of("is not allowed on port " + port);
    }

    /**
     * A host as the allowlist compares it: lower case, without a trailing dot, an IPv6 address
     * without brackets and in its canonical form; empty when it is no valid host at all.
     */
    static Optional<String> normalize(String host) {
        if (host == null) {
            return Optional.empty();
        }
        var h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        var literal = IpLiteral.parse(h);
        if (literal.isPresent()) {
            return Optional.of(literal.get().getHostAddress());
        }
        return name(h) ? Optional.of(h) : Optional.empty();
    }

    private static boolean name(String h) {
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        var labels = h.split("\\.", -1);
        return java.util.Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())
                && !NUMERIC.matcher(labels[labels.length - 1]).matches();
    }

    private static Entry parse(String entry, String setting) {
        var host = entry;
        Integer port = null;
        var colon = entry.lastIndexOf(':');
        var bracketed = entry.startsWith("[");
        if (colon > 0 && (bracketed ? entry.indexOf(']') < colon : entry.indexOf(':') == colon)) {
            host = entry.substring(0, colon);
            port = port(entry.substring(colon + 1), entry, setting);
        }
        var wildcard = host.startsWith("*.");
        var normalized = normalize(wildcard ? host.substring(2) : host)
                .filter(h -> !wildcard || IpLiteral.parse(h).isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(
                        setting + " has '" + entry + "', which is neither a host name, *.domain nor an IP address"));
        return new Entry(normalized, wildcard, port);
    }

    private static int port(String value, String entry, String setting) {
        if (value.equals("*")) {
            return ANY_PORT;
        }
        try {
            var port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(setting + " has '" + entry + "', whose port is neither 1-65535 nor *");
    }
}
