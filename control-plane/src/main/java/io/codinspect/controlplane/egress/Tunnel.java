package io.codinspect.controlplane.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes both ways between a client and the host it reaches until both sides are done, one
 * virtual thread per direction with a {@link #BUFFER_BYTES} buffer each. An end of input on one
 * side is passed on as a half-close. When no byte has moved either way for {@code idle}, both
 * sockets are closed (which also frees a write stuck on a peer that stopped reading).
 */
final class Tunnel {

    static final int BUFFER_BYTES = 16 * 1024;

    private final Socket client;
    private final InputStream clientIn;
    private final Socket upstream;
    private final long idleNanos;
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    /** @param clientIn the client's input, with whatever was read past the request head still in it */
    Tunnel(Socket client, InputStream clientIn, Socket upstream, Duration idle) {
        this.client = client;
        this.clientIn = clientIn;
        this.upstream = upstream;
        this.idleNanos = idle.toNanos();
    }

    /** Runs until both directions have ended; closes both sockets. */
    void run() throws IOException {
        var timeout = (int) Math.clamp(Duration.ofNanos(idleNanos).toMillis(), 1, Integer.MAX_VALUE);
        client.setSoTimeout(timeout);
        upstream.setSoTimeout(timeout);
        var toUpstream = Thread.ofVirtual().name("egress-up").start(() -> copy(clientIn, upstream));
        try {
            copy(upstream.getInputStream(), client);
            toUpstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    private void copy(InputStream in, Socket to) {
        var buffer = new byte[BUFFER_BYTES];
        try {
            var out = to.getOutputStream();
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - lastActivity.get() >= idleNanos) {
                        closeQuietly(upstream);
                        closeQuietly(client);
                        return;
                    }
                    continue; // the other direction is busy
                }
                if (n < 0) {
                    if (!to.isClosed()) {
                        to.shutdownOutput();
                    }
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
                lastActivity.set(System.nanoTime());
            }
        } catch (IOException e) {
            // a side closed or reset: the other direction ends on its own
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
