package io.codinspect.testkit.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** A Bolt for Java app served at {@code /slack/events} by the JDK's HTTP server (what Bolt's servlet adapter does). */
final class BoltServer implements AutoCloseable {

    private final App app;
    private final SlackRequestParser parser;
    private final HttpServer server;

    BoltServer(App app) throws IOException {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/slack/events", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static BoltServer start(App app) {
        try {
            return new BoltServer(app);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = new HashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            var request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .remoteAddress("127.0.0.1")
                    .build());
            var response = app.run(request);
            response.getHeaders()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.getResponseHeaders().set("Content-Type", response.getContentType());
            var body = response.getBody() == null
                    ? new byte[0]
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException("Bolt failed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
