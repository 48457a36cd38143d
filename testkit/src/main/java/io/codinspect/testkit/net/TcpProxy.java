package io.codinspect.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy whose network can be cut: {@link #cut()} drops every open connection and
 * refuses new ones until {@link #restore()}, as a lost Wi-Fi or a restarting server looks to a
 * client; {@link #stall()} stops carrying bytes either way without closing anything, as a network
 * that silently loses packets does, until {@link #resume()}.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final Object gate = new Object();
    private boolean stalled; // guarded by gate

    private TcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread.ofVirtual().name("tcp-proxy-accept").start(this::accept);
    }

    /** A proxy on a free loopback port forwarding to {@code targetPort} on loopback. */
    public static TcpProxy to(int targetPort) {
        try {
            var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TcpProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections clients have opened so far (refused ones included). */
    public int accepted() {
        return accepted.get();
    }

    /** Drops every connection now and refuses new ones. */
    public void cut() {
        down = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Lets connections through again. */
    public void restore() {
        down = false;
    }

    /** Stops carrying bytes, in both directions and on new connections, without closing anything. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Stalls now and carries bytes again once {@code duration} is over, as a network outage of that length. */
    public void stallFor(java.time.Duration duration) {
        stall();
        Thread.ofVirtual().name("tcp-proxy-stall").start(() -> {
            try {
                Thread.sleep(duration); // the length of the outage being played
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resume();
        });
    }

    /** Carries bytes again; what was held back flows on. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (down) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        var upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        if (down) {
            cut();
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            var buffer = new byte[16 * 1024];
            while (true) {
                awaitFlowing();
                var read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                awaitFlowing();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the other side or a cut closed the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void awaitFlowing() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        resume(); // pumps held by a stall see their closed sockets and end
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
