package io.codinspect.testkit.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for a Slack app's request URL: verifies each request's signature (its own HMAC, not
 * the fake's code) and the 5-minute window, answers 401 when either fails and otherwise {@link
 * #answer}, and records what it received.
 */
final class BotReceiver implements AutoCloseable {

    /** A request as received, header names in lower case. */
    record Received(Map<String, String> headers, String body, boolean verified) {}

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    volatile String answer = "";

    BotReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/slack/events", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Starts one checking the fake's default signing secret. */
    static BotReceiver start() {
        try {
            return new BotReceiver(FakeSlack.SIGNING_SECRET);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = new java.util.HashMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            var verified = verified(headers, body);
            received.add(new Received(headers, body, verified));
            var bytes = (verified ? answer : "{\"error\":\"invalid request\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(verified ? 200 : 401, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private boolean verified(Map<String, String> headers, String body) {
        try {
            var timestamp = headers.get("x-slack-request-timestamp");
            if (System.currentTimeMillis() / 1000 - Long.parseLong(timestamp) > 300) {
                return false;
            }
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var expected = "v0="
                    + HexFormat.of()
                            .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
            var given = headers.getOrDefault("x-slack-signature", "");
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
