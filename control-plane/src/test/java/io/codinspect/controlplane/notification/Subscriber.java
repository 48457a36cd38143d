package io.codinspect.controlplane.notification;

import com.sun.net.httpserver.HttpServer;
import io.codinspect.model.event.EventCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** A bot's callback endpoint: records every delivery and answers 500 to the first {@code failures}. */
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

    Subscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
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

    void failNext(int count) {
        failures.set(count);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The deliveries answered 2xx, in the order they arrived. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
