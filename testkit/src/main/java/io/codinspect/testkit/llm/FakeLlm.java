package io.codinspect.testkit.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A scripted model server for tests that speaks three provider APIs (see {@link Api}): OpenAI Chat
 * Completions, the OpenAI Responses API and the Anthropic Messages API, all below {@link
 * #baseUrl()}. A script is chosen by a trigger text found in the newest user message; the n-th
 * request after that message (counted by the assistant turns that follow it) gets the script's n-th
 * reply, so the fake keeps no per-session state and any number of sessions can use it at once.
 * Requests without tools (titles, summaries) and requests no script matches get a short plain
 * answer. Every answer reports the same configurable {@link Usage}, every request is recorded, and
 * so is every streamed answer that the client abandoned halfway.
 */
public final class FakeLlm implements AutoCloseable {

    private final HttpServer server;
    private final Scripts scripts = new Scripts();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> abandoned = new CopyOnWriteArrayList<>();
    private volatile Usage usage = Usage.DEFAULT;

    private FakeLlm(HttpServer server) {
        this.server = server;
    }

    /** Starts on loopback; port 0 picks a free one. */
    public static FakeLlm start(int port) {
        try {
            var server = HttpServer.create(
                    new InetSocketAddress("127.0.0.1", port),
                    1024); // hundreds of clients may connect at once (bench gateway)
            var fake = new FakeLlm(server);
            for (var api : Api.values()) {
                server.createContext(api.path(), exchange -> fake.handle(exchange, api));
            }
            server.createContext("/v1/models", fake::models);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake LLM", e);
        }
    }

    /** The base URL to configure for any of the three provider APIs, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** When the newest user message contains {@code trigger}, answer its requests with these replies in turn. */
    public FakeLlm script(String trigger, Reply... replies) {
        scripts.add(trigger, List.of(replies));
        return this;
    }

    /** The token counts every later answer reports ({@link Usage#DEFAULT} until this is called). */
    public FakeLlm usage(Usage usage) {
        this.usage = usage;
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

    /**
     * Requests whose answer could not be written to the end because the client went away: it
     * cancelled the stream, timed out, or was killed. Seen at the next write, within about half a
     * second during a {@link Chunk.Pause}, only after a {@link Reply.Silence} has ended.
     */
    public List<RecordedRequest> abandonedStreams() {
        return List.copyOf(abandoned);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange, Api api) throws IOException {
        try (exchange) {
            var received = System.nanoTime();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!api.path().equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            var headers = new LinkedHashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            var reply = scripts.replyTo(api, body);
            var reported = usage;
            var recorded = new RecordedRequest(
                    api,
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(api.credentialHeader()),
                    headers,
                    body,
                    received,
                    Scripts.reports(reply) ? reported : null);
            requests.add(recorded);
            var streams = body.path("stream").asBoolean(false);
            try {
                answer(exchange, Answer.of(api, body), reply, reported, streams);
            } catch (IOException e) {
                abandoned.add(recorded);
            }
        }
    }

    private static void answer(HttpExchange exchange, Answer answer, Reply reply, Usage usage, boolean stream)
            throws IOException {
        switch (reply) {
            case Reply.Failure failure -> {
                if (failure.retryAfter() != null) {
                    var seconds = (failure.retryAfter().toMillis() + 999) / 1000;
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                }
                json(exchange, failure.status(), answer.error(failure));
            }
            case Reply.Silence silence -> {
                EventStream.sleep(silence.duration());
                answer(exchange, answer, silence.after(), usage, stream);
            }
            case Reply.Flaky flaky -> throw new IllegalStateException("a flaky reply is decided when reached");
            case Reply.Stream chunks when stream -> answer.write(chunks, usage, EventStream.open(exchange));
            case Reply.Stream chunks -> json(exchange, 200, answer.write(chunks, usage, EventStream.discarding()));
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        var bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            var model = Map.of("id", "fake-model", "object", "model");
            json(exchange, 200, Map.of("object", "list", "data", List.of(model)));
        }
    }
}
