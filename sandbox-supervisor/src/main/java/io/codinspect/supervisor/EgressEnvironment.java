package io.codinspect.supervisor;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy settings everything in the agent's boundary gets (OpenCode and the shells it starts,
 * the repository's hooks, git): {@code HTTPS_PROXY}, {@code HTTP_PROXY} and their lower-case twins
 * set to the control plane's egress proxy with the agent token, and {@code NO_PROXY}/{@code
 * no_proxy} naming the control plane's own host (the bridge's and the proxy's: the model gateway
 * and the local origin are reached directly) and loopback. Tools that honour these (curl, git,
 * npm, pip, Bun) then reach only the allowed hosts; on Kubernetes nothing else gets out of the pod
 * at all.
 */
final class EgressEnvironment {

    private EgressEnvironment() {}

    /** The variables for {@code settings}; none when it has no egress proxy. */
    static Map<String, String> of(SupervisorSettings settings) {
        var proxy = settings.egressProxy();
        if (proxy.isBlank()) {
            return Map.of();
        }
        var direct = new LinkedHashSet<String>();
        host(settings.bridgeUrl()).ifPresent(direct::add);
        host(proxy).ifPresent(direct::add);
        direct.add("localhost");
        direct.add("127.0.0.1");
        direct.add("::1");
        var noProxy = String.join(",", direct);
        var env = new LinkedHashMap<String, String>();
        for (var name : new String[] {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"}) {
            env.put(name, proxy);
        }
        env.put("NO_PROXY", noProxy);
        env.put("no_proxy", noProxy);
        return Map.copyOf(env);
    }

    /** {@code value} when it is empty or an {@code http://} URL with a host and port; refused otherwise. */
    static String checkedProxy(String value) {
        if (value.isBlank()) {
            return "";
        }
        try {
            var uri = URI.create(value);
            if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // said below, without the value: it holds the agent token
        }
        throw new IllegalArgumentException("CODINSPECT_EGRESS_PROXY is not an http://host:port URL");
    }

    private static Optional<String> host(String url) {
        try {
            var host = URI.create(url).getHost();
            return Optional.ofNullable(host).map(h -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
