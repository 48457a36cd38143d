package io.codinspect.controlplane.notification;

import com.sun.net.httpserver.HttpServer;
import io.codinspect.model.event.EventCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A bot's callback endpoint: records every delivery and answers 500 to the next {@code failures} of the session
 * with one external key (known before the session is created, so its first delivery can be failed too).
 * Deliveries of earlier tests' sessions may still arrive at a later test's subscriber, so tests look at their own
 * session's deliveries.
 */
final class Subscriber implements AutoCloseable {

    record Received(String delivery, String timestamp, String signature, String body, int answered) {
        java.util.Map<String, java.util.List<String>> headers() {
            return java.util.Map.of(
                    "CodInspect-Delivery", java.util.List.of(delivery),
                    "CodInspect-Timestamp", java.util.List.of(timestamp),
                    "CodInspect-Signature", java.util.List.of(signature));
        }

        JsonNode json() {
            return EventCodec.mapper().readTree(body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile String failing = "";

    Subscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            boolean fail = keyOf(body).equals(failing) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            int status = fail ? 500 : 204;
            var headers = exchange.getRequestHeaders();
            received.add(new Received(
                    headers.getFirst("CodInspect-Delivery"),
                    headers.getFirst("CodInspect-Timestamp"),
                    headers.getFirst("CodInspect-Signature"),
                    body,
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void failNext(String externalKey, int count) {
        failing = externalKey;
        failures.set(count);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The deliveries of one session, in the order they arrived. */
    List<Received> received(UUID session) {
        return received.stream()
                .filter(r -> sessionOf(r.body()).equals(session.toString()))
                .toList();
    }

    /** The deliveries of one session answered 2xx, in the order they arrived. */
    List<Received> accepted(UUID session) {
        return received(session).stream().filter(r -> r.answered() < 300).toList();
    }

    private static String keyOf(String body) {
        return EventCodec.mapper().readTree(body).at("/session/externalKey").asString("");
    }

    private static String sessionOf(String body) {
        return EventCodec.mapper().readTree(body).at("/session/id").asString("");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
