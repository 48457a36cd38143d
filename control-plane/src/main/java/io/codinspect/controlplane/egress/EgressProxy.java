package io.codinspect.controlplane.egress;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The egress proxy's listening socket ({@code codinspect.sandbox.egress.port}): each connection is
 * served on a virtual thread of its own by {@link ProxyConnection}, at most {@code max-connections}
 * at once (beyond that, a 503 at once). The port is bound when the bean is made; connections are
 * accepted from the start of the lifecycle, before the web server, until after the web server
 * stopped, so that sandboxes stopping with the control plane can still push their work through it.
 */
@Component
public class EgressProxy implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EgressProxy.class);
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final EgressProperties properties;
    private final ProxyConnection connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean accepting;

    EgressProxy(EgressProperties properties, ProxyConnection connections) {
        this.properties = properties;
        this.connections = connections;
        this.server = properties.enabled() ? bind(properties) : null;
    }

    /** The port it listens on; -1 when it is off or stopped. */
    public int port() {
        var s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    /** Whether sandboxes are to be pointed at it: it is on and has not stopped. */
    boolean listening() {
        return server != null;
    }

    /** Binds the port at once, so that it is known (and a port in use stops start-up) before any sandbox is spawned. */
    private static ServerSocket bind(EgressProperties properties) {
        try {
            var socket = new ServerSocket();
            var address =
                    properties.bindAddress() == null || properties.bindAddress().isBlank()
                            ? new InetSocketAddress(properties.port())
                            : new InetSocketAddress(InetAddress.getByName(properties.bindAddress()), properties.port());
            socket.bind(address, 128);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The egress proxy cannot listen on port " + properties.port() + " (codinspect.sandbox.egress.port)",
                    e);
        }
    }

    @Override
    public void start() {
        if (server == null) {
            log.info("The egress proxy is off (codinspect.sandbox.egress.enabled=false)");
            return;
        }
        accepting = true;
        Thread.ofVirtual().name("egress-accept").start(this::accept);
        log.info("Egress proxy listening on port {}", port());
    }

    private void accept() {
        var socket = server;
        while (socket != null && !socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("The egress proxy could not accept a connection: {}", e.toString());
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // e.g. out of file descriptors
                }
                continue;
            }
            if (open.size() >= properties.maxConnections()) {
                Thread.ofVirtual().start(() -> busy(client));
                continue;
            }
            open.add(client);
            Thread.ofVirtual().name("egress").start(() -> {
                try {
                    connections.serve(client);
                } finally {
                    open.remove(client);
                }
            });
        }
    }

    private void busy(Socket client) {
        try (client) {
            client.setSoTimeout(1_000);
            ProxyReplies.error(
                    client.getOutputStream(),
                    503,
                    "The egress proxy is at its connection limit"
                            + " (codinspect.sandbox.egress.max-connections); try again.");
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void stop() {
        accepting = false;
        if (close()) {
            log.info("Egress proxy stopped");
        }
    }

    /** Closes the port and every connection; also when start-up failed before the lifecycle began. */
    @PreDestroy
    boolean close() {
        var socket = server;
        server = null;
        if (socket == null) {
            return false;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
        open.forEach(Tunnel::closeQuietly);
        return true;
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
