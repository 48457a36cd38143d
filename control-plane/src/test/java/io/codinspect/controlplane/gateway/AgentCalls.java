package io.codinspect.controlplane.gateway;

import io.codinspect.testkit.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Model calls as a sandbox's OpenCode makes them, straight at a control plane's gateway. */
final class AgentCalls {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    AgentCalls(int port) {
        this.port = port;
    }

    /** Settings for an OpenAI-compatible provider {@code fake} at {@code baseUrl} offering {@code models}. */
    static Map<String, Object> fakeProvider(String baseUrl, String key, String... models) {
        var settings = new HashMap<String, Object>(Map.of(
                "codinspect.models.providers.fake.type", "openai-compatible",
                "codinspect.models.providers.fake.base-url", baseUrl,
                "codinspect.models.providers.fake.api-key", key));
        for (var i = 0; i < models.length; i++) {
            settings.put("codinspect.models.providers.fake.models[" + i + "]", models[i]);
        }
        return settings;
    }

    /** The request body of a streamed turn: the trigger as the user's message, one tool offered. */
    static String turn(String model, String trigger) {
        return Json.write(Map.of(
                "model",
                model,
                "stream",
                true,
                "messages",
                List.of(Map.of("role", "user", "content", trigger)),
                "tools",
                List.of(Map.of(
                        "type",
                        "function",
                        "function",
                        Map.of("name", "bash", "parameters", Map.of("type", "object"))))));
    }

    HttpRequest.Builder request(String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** A streamed Chat Completions turn of the provider {@code fake}, read whole. */
    HttpResponse<String> chat(String token, String model, String trigger) throws Exception {
        return send(request("/llm/fake/chat/completions", token, turn(model, trigger)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws Exception {
        return HTTP.send(request.build(), handler);
    }
}
