package io.codinspect.controlplane.egress;

import io.codinspect.controlplane.sandbox.SandboxProperties;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.controlplane.sandbox.SandboxSpecDecorator;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * Points every sandbox at the egress proxy while it runs: the spec's {@code egressProxy} is the
 * proxy's URL with the sandbox's agent token as its password, {@code http://sandbox:<token>@host:port},
 * which the providers hand to the supervisor as a secret and the supervisor sets as the agent's
 * {@code HTTPS_PROXY}. The host is {@code codinspect.sandbox.egress.proxy-url}'s, else the bridge
 * URL's (the control plane as sandboxes reach it), else loopback.
 */
@Component
class EgressSpecDecorator implements SandboxSpecDecorator {

    static final String USER = "sandbox";

    private final EgressProperties properties;
    private final SandboxProperties sandboxes;
    private final EgressProxy proxy;

    EgressSpecDecorator(EgressProperties properties, SandboxProperties sandboxes, EgressProxy proxy) {
        this.properties = properties;
        this.sandboxes = sandboxes;
        this.proxy = proxy;
    }

    @Override
    public SandboxSpec decorate(SandboxSpec spec) {
        if (!proxy.listening() || spec.agentToken() == null || spec.agentToken().isBlank()) {
            return spec;
        }
        return new SandboxSpec(
                spec.sandboxId(),
                spec.sessionId(),
                spec.repository(),
                spec.baseBranch(),
                spec.branch(),
                spec.bridgeUrl(),
                spec.bridgeToken(),
                spec.agentConfig(),
                spec.agentToken(),
                spec.agentTools(),
                spec.checkpointKey(),
                "http://" + USER + ":" + spec.agentToken() + "@" + authority());
    }

    /** {@code host:port} of the proxy as sandboxes reach it. */
    String authority() {
        var configured = properties.proxyUrl();
        if (configured != null && !configured.isBlank()) {
            var uri = URI.create(configured.strip());
            if (uri.getHost() == null) {
                throw new IllegalStateException(
                        "codinspect.sandbox.egress.proxy-url must be http://host:port, not '" + configured + "'");
            }
            return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : proxy.port());
        }
        var bridge = sandboxes.bridgeUrl();
        var host = bridge == null || bridge.isBlank()
                ? null
                : URI.create(bridge.strip()).getHost();
        return (host == null ? "127.0.0.1" : host) + ":" + proxy.port();
    }
}
