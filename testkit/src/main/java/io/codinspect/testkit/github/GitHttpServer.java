package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A plain git host for tests, like a company's internal server: the repositories under a root
 * served over git's smart HTTP protocol on loopback, fetch and push, without authentication. For
 * sandboxes that do not share this machine's disk (a local path means nothing to them).
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;

    private GitHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the repositories under {@code root} (bare, or the working folder of a clone) on a free port. */
    public static GitHttpServer start(Path root) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            var backend = new GitHttpBackend(root);
            server.createContext("/", exchange -> {
                try (exchange) {
                    backend.serve(exchange, exchange.getRequestURI().getPath(), "tester");
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new GitHttpServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the git server", e);
        }
    }

    /** The URL of the repository at {@code relativePath} under the root. */
    public String url(String relativePath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + relativePath;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
