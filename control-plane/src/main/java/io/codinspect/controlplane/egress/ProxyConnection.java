package io.codinspect.controlplane.egress;

import io.codinspect.controlplane.egress.EgressPolicy.Decision;
import io.codinspect.controlplane.egress.RequestHead.Rejected;
import io.codinspect.controlplane.sandbox.AgentTokens;
import io.codinspect.controlplane.sandbox.AgentTokens.Agent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves one client connection of the proxy: reads the request head (bounded), checks the agent
 * token in {@code Proxy-Authorization} (407 without a live sandbox's), asks the {@link
 * EgressPolicy} (403 and a timeline warning when refused), takes one of the sandbox's connection
 * slots (503 beyond), connects within the connect timeout (502/504 when that fails) and tunnels.
 * Counts each outcome as {@code codinspect.egress.connections{outcome}}; never logs the credential.
 */
@Component
class ProxyConnection {

    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);
    static final String METER = "codinspect.egress.connections";
    private static final String PER_SANDBOX = "codinspect.sandbox.egress.max-connections-per-sandbox";

    private final EgressProperties properties;
    private final AgentTokens tokens;
    private final EgressPolicy policy;
    private final EgressRefusals refusals;
    private final MeterRegistry meters;
    private final SandboxSlots slots;

    ProxyConnection(
            EgressProperties properties,
            AgentTokens tokens,
            EgressPolicy policy,
            EgressRefusals refusals,
            MeterRegistry meters) {
        this.properties = properties;
        this.tokens = tokens;
        this.policy = policy;
        this.refusals = refusals;
        this.meters = meters;
        this.slots = new SandboxSlots(properties.maxConnectionsPerSandbox());
    }

    void serve(Socket client) {
        try (client) {
            client.setSoTimeout((int) properties.requestTimeout().toMillis());
            var in = new BufferedInputStream(client.getInputStream(), 8192);
            var out = client.getOutputStream();
            RequestHead head;
            ProxyTarget target;
            try {
                head = RequestHead.read(
                        in,
                        properties.maxHeaderBytes(),
                        System.nanoTime() + properties.requestTimeout().toNanos());
                target = ProxyTarget.of(head);
            } catch (Rejected r) {
                ProxyReplies.error(out, r.status(), r.getMessage());
                return;
            } catch (SocketTimeoutException e) {
                ProxyReplies.error(out, 408, "The request's headers took too long.");
                return;
            }
            Optional<Agent> agent;
            try {
                agent = ProxyReplies.password(head.header("Proxy-Authorization"))
                        .flatMap(tokens::authenticate);
            } catch (RuntimeException e) { // the database is away: nobody is let through
                log.warn("Egress could not check a credential: {}", e.toString());
                ProxyReplies.error(out, 503, "The egress proxy cannot check credentials right now; try again.");
                return;
            }
            if (agent.isEmpty()) {
                count("unauthenticated");
                log.debug("Egress: a connection to {} without a live sandbox's agent token", target.display());
                ProxyReplies.unauthenticated(out);
                return;
            }
            switch (policy.decide(target.host(), target.port())) {
                case Decision.Refused refused -> refuse(agent.get(), target, refused.why(), refused.setting(), out);
                case Decision.Unreachable unreachable -> {
                    count("failed");
                    ProxyReplies.error(out, 502, target.display() + " " + unreachable.why() + ".");
                }
                case Decision.Allowed allowed -> connect(agent.get(), target, allowed.addresses(), client, in, out);
            }
        } catch (IOException e) {
            log.debug("Egress connection ended: {}", e.toString());
        }
    }

    private void connect(
            Agent agent,
            ProxyTarget target,
            List<InetAddress> addresses,
            Socket client,
            BufferedInputStream in,
            OutputStream out)
            throws IOException {
        if (!slots.tryAcquire(agent.sandboxId())) {
            refuse(agent, target, "was refused: too many connections at once", PER_SANDBOX, out, 503);
            return;
        }
        try {
            var upstream = open(addresses, target.port());
            if (upstream == null) {
                count("failed");
                ProxyReplies.error(
                        out,
                        504,
                        "Could not connect to " + target.display() + " within "
                                + properties.connectTimeout().toSeconds() + " s.");
                return;
            }
            count("allowed");
            log.debug("Egress sandbox={} session={} to {}", agent.sandboxId(), agent.sessionId(), target.display());
            try (upstream) {
                if (target.tunnel()) {
                    ProxyReplies.established(out);
                } else {
                    upstream.getOutputStream().write(target.forwardedHead());
                }
                new Tunnel(client, in, upstream, properties.idleTimeout()).run();
            }
        } finally {
            slots.release(agent.sandboxId());
        }
    }

    /** The first of the addresses that accepts a connection within the connect timeout, or null. */
    private Socket open(List<InetAddress> addresses, int port) {
        for (var address : addresses) {
            var socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int)
                        properties.connectTimeout().toMillis());
                return socket;
            } catch (IOException e) {
                Tunnel.closeQuietly(socket);
                log.debug("Egress could not connect to {}:{}: {}", address.getHostAddress(), port, e.toString());
            }
        }
        return null;
    }

    private void refuse(Agent agent, ProxyTarget target, String why, String setting, OutputStream out)
            throws IOException {
        refuse(agent, target, why, setting, out, 403);
    }

    private void refuse(Agent agent, ProxyTarget target, String why, String setting, OutputStream out, int status)
            throws IOException {
        count("refused");
        var host = HostAllowlist.normalize(target.host()).orElse("(not a host name)");
        var shown = host.indexOf(':') >= 0 ? "[" + host + "]:" + target.port() : host + ":" + target.port();
        refusals.refused(agent, host, shown, why, setting);
        ProxyReplies.error(
                out,
                status,
                "Refused by CodInspect's egress proxy: " + shown + " " + why + ". An operator can change that with "
                        + setting + " (see docs/egress.md).");
    }

    private void count(String outcome) {
        meters.counter(METER, "outcome", outcome).increment();
    }
}
