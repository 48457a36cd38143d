package io.codinspect.controlplane.egress;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The egress proxy: the only way out of a Kubernetes sandbox besides DNS, the control plane and the
 * chart's {@code allowedEgress} CIDRs, and the proxy every local sandbox's tools are pointed at
 * ({@code HTTPS_PROXY}). It carries HTTP {@code CONNECT} tunnels and plain-HTTP requests to the
 * allowed hosts only, for the holder of a live sandbox's agent token (docs/egress.md).
 *
 * @param enabled start the proxy and point every sandbox at it; off, sandboxes get no proxy
 *     settings (on Kubernetes they then reach only the control plane and {@code allowedEgress})
 * @param port the port it listens on; {@code 0} picks a free one
 * @param bindAddress the address it listens on; all interfaces when unset
 * @param proxyUrl where sandboxes reach it, e.g. {@code http://codinspect.codinspect.svc:8090}; when
 *     unset, {@code http://<host of codinspect.sandbox.bridge-url>:<port>}, or this machine's
 *     loopback when that is unset too
 * @param allowedHosts the hosts sandboxes may reach: exact names, {@code *.example.com} for every
 *     subdomain (not {@code example.com} itself), IP addresses (allowed only when listed), each
 *     optionally with {@code :port} (only that port) or {@code :*} (any port); case and a trailing
 *     dot do not matter. Setting it replaces
 *     the defaults (GitHub, the npm, PyPI and Maven Central registries); to add hosts, use {@code
 *     extraAllowedHosts}. The git host of {@code codinspect.github.web-url} is added when a
 *     GitHub App is configured
 * @param extraAllowedHosts more hosts on top of {@code allowedHosts}, written the same way
 * @param allowedPorts the ports an entry without {@code :port} allows
 * @param allowPrivateAddresses let allowed names reach loopback, private (RFC 1918), shared
 *     (100.64.0.0/10) and unique-local IPv6 addresses; off, a name that resolves only to such
 *     addresses is refused, so a DNS answer cannot point the proxy at the control plane's own or
 *     the cluster's services. Link-local addresses (169.254.0.0/16 and {@code fe80::/10}, cloud
 *     metadata endpoints among them) are refused for names either way
 * @param connectTimeout how long resolving a host and connecting to it may take
 * @param idleTimeout a tunnel or forwarded request with no byte in either direction for this long
 *     is closed
 * @param requestTimeout how long a client may take to send its request line and headers
 * @param maxHeaderBytes largest request line plus headers a client may send (431 beyond)
 * @param maxConnections most connections the proxy serves at once; more are answered 503
 * @param maxConnectionsPerSandbox most open connections of one sandbox; more are answered 503
 * @param refusalWindow a refusal of the same host by the same sandbox within this long of the
 *     last one shown is not shown again in the session's timeline (it is counted and logged)
 * @param maxRefusalsShown most refusals of one sandbox shown per {@code refusalWindow}; one more
 *     warning then says that further ones are not shown
 */
@ConfigurationProperties("codinspect.sandbox.egress")
public record EgressProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8090") int port,
        String bindAddress,
        String proxyUrl,

        @DefaultValue({
            "github.com",
            "*.github.com",
            "*.githubusercontent.com",
            "registry.npmjs.org",
            "pypi.org",
            "files.pythonhosted.org",
            "repo.maven.apache.org",
            "repo1.maven.org"
        })
        List<String> allowedHosts,

        @DefaultValue List<String> extraAllowedHosts,
        @DefaultValue({"443", "80"}) List<Integer> allowedPorts,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("16384") int maxHeaderBytes,
        @DefaultValue("512") int maxConnections,
        @DefaultValue("64") int maxConnectionsPerSandbox,
        @DefaultValue("60s") Duration refusalWindow,
        @DefaultValue("10") int maxRefusalsShown) {

    public EgressProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        extraAllowedHosts = extraAllowedHosts == null ? List.of() : List.copyOf(extraAllowedHosts);
        allowedPorts = allowedPorts == null ? List.of() : List.copyOf(allowedPorts);
    }
}
