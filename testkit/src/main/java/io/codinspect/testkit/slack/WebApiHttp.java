package io.codinspect.testkit.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of the Web API at {@code /api/<method>}: arguments from the query and from a
 * form-encoded or JSON body (at most 1 MiB), answers as JSON; and the {@code response_url}s of
 * interactions at {@code /response/<id>}, whose JSON bodies are recorded.
 */
final class WebApiHttp {

    static final int MAX_BODY = 1 << 20;

    private WebApiHttp() {}

    /** Starts serving on a free loopback port. */
    static HttpServer serve(WebApi api, List<JsonNode> responses) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/api/", exchange -> api(exchange, api));
            server.createContext("/response/", exchange -> response(exchange, responses));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Slack", e);
        }
    }

    private static void api(HttpExchange exchange, WebApi api) throws IOException {
        try (exchange) {
            var method = exchange.getRequestURI().getPath().substring("/api/".length());
            var body = read(exchange);
            if (body == null) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            var params = new LinkedHashMap<String, String>();
            decodeForm(exchange.getRequestURI().getRawQuery(), params);
            var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            WebApi.Answer answer;
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                answer = json(body, params)
                        ? api.call(method, new ApiParams(params), authorization(exchange))
                        : api.unreadable(method, "invalid_json");
            } else {
                decodeForm(body, params);
                answer = api.call(method, new ApiParams(params), authorization(exchange));
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfter()));
            }
            send(exchange, answer.status(), answer.body());
        }
    }

    private static void response(HttpExchange exchange, List<JsonNode> responses) throws IOException {
        try (exchange) {
            var body = read(exchange);
            try {
                var json = SlackJson.parse(body == null ? "" : body);
                synchronized (responses) {
                    if (responses.size() < SlackWorkspace.MAX_RECORDS) {
                        responses.add(json);
                    }
                }
                send(exchange, 200, SlackJson.object().put("ok", true));
            } catch (JacksonException e) {
                send(exchange, 400, SlackJson.object().put("ok", false).put("error", "invalid_json"));
            }
        }
    }

    private static String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

    /** Whether the body was a JSON object; its fields are added as arguments. */
    private static boolean json(String body, Map<String, String> params) {
        try {
            var json = SlackJson.parse(body);
            if (!json.isObject()) {
                return false;
            }
            json.properties().forEach(field -> params.put(field.getKey(), SlackJson.asArgument(field.getValue())));
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static void decodeForm(String form, Map<String, String> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (var pair : form.split("&")) {
            var equals = pair.indexOf('=');
            var name = equals < 0 ? pair : pair.substring(0, equals);
            var value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(decode(name), decode(value));
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The body as text, or null when it is larger than {@link #MAX_BODY}. */
    private static String read(HttpExchange exchange) throws IOException {
        try (var in = exchange.getRequestBody()) {
            var bytes = in.readNBytes(MAX_BODY + 1);
            return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        var bytes = SlackJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
