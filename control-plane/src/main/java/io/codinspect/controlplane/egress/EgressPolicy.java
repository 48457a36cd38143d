package io.codinspect.controlplane.egress;

import io.codinspect.controlplane.github.GitHubProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether a sandbox may connect to {@code host:port}, and to which address: the host must be on
 * the allowlist, and a name must resolve (within the connect timeout) to an address that {@link
 * AddressCheck} accepts. The proxy connects to exactly the address checked, so a second DNS answer
 * cannot send it elsewhere. An IP address is allowed only when listed, and then whatever its range.
 */
@Component
class EgressPolicy {

    /** What the policy says. */
    sealed interface Decision {
        /** Connect to one of these addresses, in order. */
        record Allowed(List<InetAddress> addresses) implements Decision {}

        /** Not allowed: {@code why} completes "host:port …", {@code setting} is what would change it. */
        record Refused(String why, String setting) implements Decision {}

        /** Allowed but not reachable (the name does not resolve): a 502, nothing for the timeline. */
        record Unreachable(String why) implements Decision {}
    }

    static final String HOSTS = "codinspect.sandbox.egress.allowed-hosts";
    static final String PRIVATE = "codinspect.sandbox.egress.allow-private-addresses";
    /** Most addresses of one name that are tried. */
    private static final int MAX_ADDRESSES = 3;

    private final HostAllowlist allowlist;
    private final boolean allowPrivate;
    private final Duration resolveTimeout;
    private final Resolver resolver;

    /** Looks names up; a seam for tests. */
    interface Resolver {
        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    @Autowired
    EgressPolicy(EgressProperties properties, GitHubProperties github) {
        this(
                allowlist(properties, github),
                properties.allowPrivateAddresses(),
                properties.connectTimeout(),
                InetAddress::getAllByName);
    }

    EgressPolicy(HostAllowlist allowlist, boolean allowPrivate, Duration resolveTimeout, Resolver resolver) {
        this.allowlist = allowlist;
        this.allowPrivate = allowPrivate;
        this.resolveTimeout = resolveTimeout;
        this.resolver = resolver;
    }

    /** The allowed hosts: the setting, the extra ones, and the configured GitHub App's git host. */
    static HostAllowlist allowlist(EgressProperties properties, GitHubProperties github) {
        var hosts = new ArrayList<>(properties.allowedHosts());
        hosts.addAll(properties.extraAllowedHosts());
        if (github.configured() && github.webUrl() != null) {
            var host = URI.create(github.webUrl()).getHost();
            if (host != null) {
                hosts.add(host);
            }
        }
        return HostAllowlist.of(hosts, properties.allowedPorts(), HOSTS);
    }

    Decision decide(String rawHost, int port) {
        var normalized = HostAllowlist.normalize(rawHost);
        if (normalized.isEmpty()) {
            return new Decision.Refused("is not a valid host name", HOSTS);
        }
        var host = normalized.get();
        var refusal = allowlist.refusal(host, port);
        if (refusal.isPresent()) {
            return new Decision.Refused(refusal.get(), HOSTS);
        }
        var literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            var address = literal.get();
            return address.isAnyLocalAddress() || address.isMulticastAddress()
                    ? new Decision.Refused("is not a unicast address one may connect to", HOSTS)
                    : new Decision.Allowed(List.of(address));
        }
        InetAddress[] resolved;
        try {
            resolved = resolve(host);
        } catch (UnknownHostException e) {
            return new Decision.Unreachable("does not resolve");
        }
        var allowed = new ArrayList<InetAddress>();
        Decision.Refused firstRefusal = null;
        for (var address : resolved) {
            var why = AddressCheck.refusal(address, allowPrivate);
            if (why.isEmpty()) {
                if (allowed.size() < MAX_ADDRESSES) {
                    allowed.add(address);
                }
            } else if (firstRefusal == null) {
                firstRefusal = new Decision.Refused(
                        "resolves to " + address.getHostAddress() + ", " + why.get(),
                        AddressCheck.privateRange(address) ? PRIVATE : HOSTS);
            }
        }
        if (!allowed.isEmpty()) {
            return new Decision.Allowed(List.copyOf(allowed));
        }
        return firstRefusal == null ? new Decision.Unreachable("resolves to no address") : firstRefusal;
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        var lookup = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return resolver.resolve(host);
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                Thread::startVirtualThread);
        try {
            return lookup.get(resolveTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnknownHostException u ? u : new UnknownHostException(host);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host + " (no answer within " + resolveTimeout + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host);
        }
    }
}
