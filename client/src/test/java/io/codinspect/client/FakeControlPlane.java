package io.codinspect.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in control plane on the JDK's HTTP server: it records every request and answers each
 * {@code METHOD path?query} with the reply set for it (404 without a body otherwise).
 */
final class FakeControlPlane implements AutoCloseable {

    record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Reply(int status, String contentType, byte[] body, boolean chunked, boolean hang) {}

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeControlPlane() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Answers {@code request} ("GET /api/me") with JSON. */
    FakeControlPlane json(String request, int status, String json) {
        return reply(request, new Reply(status, "application/json", bytes(json), false, false));
    }

    /** Answers {@code request} with an RFC 9457 problem, as the control plane's advice writes it. */
    FakeControlPlane problem(String request, int status, String title, String detail) {
        var path = request.substring(request.indexOf(' ') + 1);
        var json = """
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}""".formatted(title, status, detail, path);
        return reply(request, new Reply(status, "application/problem+json", bytes(json), false, false));
    }

    /** Answers {@code request} with a body of another kind (a proxy's HTML page), streamed if {@code chunked}. */
    FakeControlPlane raw(String request, int status, String contentType, String body, boolean chunked) {
        return reply(request, new Reply(status, contentType, bytes(body), chunked, false));
    }

    /** Never answers {@code request} until closed. */
    FakeControlPlane hang(String request) {
        return reply(request, new Reply(200, "application/json", new byte[0], false, true));
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded last() {
        return requests.getLast();
    }

    private FakeControlPlane reply(String request, Reply reply) {
        replies.put(request, reply);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var request =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    request.substring(request.indexOf(' ') + 1),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            var reply = replies.get(request);
            if (reply == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (reply.hang()) {
                closing.await();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            var length = reply.body().length == 0 ? -1 : reply.chunked() ? 0 : reply.body().length;
            exchange.sendResponseHeaders(reply.status(), length);
            if (length != -1) {
                exchange.getResponseBody().write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
