package io.codinspect.testkit.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A scripted OpenAI-compatible chat-completions server for tests. A script is chosen by a trigger
 * text found in the newest user message; the n-th request after that message (counted by the
 * assistant messages that follow it) gets the script's n-th reply, so the fake keeps no per-session
 * state and any number of sessions can use it at once. Requests without tools (titles, summaries)
 * and requests no script matches get a short plain answer. Every request is recorded.
 */
public final class FakeLlm implements AutoCloseable {

    private record Script(String trigger, List<Reply> replies) {}

    private final HttpServer server;
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final String modelName;

    private FakeLlm(HttpServer server, String modelName) {
        this.server = server;
        this.modelName = modelName;
    }

    /** Starts on loopback; port 0 picks a free one. */
    public static FakeLlm start(int port) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            var fake = new FakeLlm(server, "fake-model");
            server.createContext("/v1/chat/completions", fake::handle);
            server.createContext("/v1/models", fake::models);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake LLM", e);
        }
    }

    /** The base URL to configure as an OpenAI-compatible provider, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** When the newest user message contains {@code trigger}, answer its requests with these replies in turn. */
    public FakeLlm script(String trigger, Reply... replies) {
        scripts.addFirst(new Script(trigger, List.of(replies)));
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests that were turns of a conversation (they offered tools) and mention {@code trigger}. */
    public List<RecordedRequest> turns(String trigger) {
        return requests.stream()
                .filter(RecordedRequest::offersTools)
                .filter(r -> r.lastUserText().contains(trigger))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var received = System.nanoTime();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            var recorded = new RecordedRequest(exchange.getRequestHeaders().getFirst("Authorization"), body, received);
            requests.add(recorded);
            var reply = replyTo(recorded);
            switch (reply) {
                case Reply.Failure failure -> fail(exchange, failure);
                case Reply.Stream stream -> new SseAnswer(exchange, modelName).send(stream);
            }
        }
    }

    private Reply replyTo(RecordedRequest request) {
        if (!request.offersTools()) {
            return Reply.text("Scripted title");
        }
        var userText = request.lastUserText();
        for (var script : scripts) {
            if (userText.contains(script.trigger())) {
                var step = assistantMessagesAfterLastUser(request.body());
                return step < script.replies().size() ? script.replies().get(step) : Reply.text("Done.");
            }
        }
        return Reply.text("No script matched this prompt.");
    }

    private static void fail(HttpExchange exchange, Reply.Failure failure) throws IOException {
        var body = Json.write(java.util.Map.of(
                        "error", java.util.Map.of("message", failure.message(), "type", failure.type())))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(failure.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = Json.write(java.util.Map.of(
                            "object", "list", "data", List.of(java.util.Map.of("id", modelName, "object", "model"))))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    static String lastUserText(JsonNode body) {
        var messages = new ArrayList<JsonNode>();
        body.path("messages").forEach(messages::add);
        for (var i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asString())) {
                return text(messages.get(i).path("content"));
            }
        }
        return "";
    }

    private static int assistantMessagesAfterLastUser(JsonNode body) {
        var count = 0;
        for (var message : body.path("messages")) {
            switch (message.path("role").asString()) {
                case "user" -> count = 0;
                case "assistant" -> count++;
                default -> {}
            }
        }
        return count;
    }

    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        var text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asString("")));
        return text.toString();
    }
}
