package io.codinspect.testkit.llm;

import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Calls the fake over HTTP as an SDK would, and splits its event streams into frames. */
final class LlmClient {

    /** One server-sent event: its {@code event:} name (null if none) and parsed {@code data:}. */
    record Frame(String event, String data) {
        JsonNode json() {
            return Json.parse(data);
        }

        String type() {
            return json().path("type").asString();
        }
    }

    /** A whole answer: the response, its event frames and how many SSE comment lines it had. */
    record Exchange(HttpResponse<String> response, List<Frame> frames, int comments) {
        JsonNode json() {
            return Json.parse(response.body());
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeLlm llm;

    LlmClient(FakeLlm llm) {
        this.llm = llm;
    }

    HttpRequest request(Api api, Map<String, ?> body) {
        var builder = HttpRequest.newBuilder(
                        URI.create(llm.baseUrl() + api.path().substring("/v1".length())))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (api == Api.MESSAGES) {
            builder.header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01");
        } else {
            builder.header("Authorization", "Bearer sk-test");
        }
        return builder.build();
    }

    Exchange send(Api api, Map<String, ?> body) throws IOException, InterruptedException {
        var response = http.send(request(api, body), HttpResponse.BodyHandlers.ofString());
        var frames = new ArrayList<Frame>();
        var comments = 0;
        String event = null;
        for (var line : response.body().split("\n")) {
            if (line.startsWith(":")) {
                comments++;
            } else if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                frames.add(new Frame(event, line.substring("data: ".length())));
                event = null;
            }
        }
        return new Exchange(response, frames, comments);
    }

    /** Opens a stream and returns its body to read from; closing it hangs up mid-stream. */
    InputStream open(Api api, Map<String, ?> body) throws IOException, InterruptedException {
        return http.send(request(api, body), HttpResponse.BodyHandlers.ofInputStream())
                .body();
    }

    static String readLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (var c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    HttpClient http() {
        return http;
    }

    /** A request body that offers one tool, so the fake treats it as a turn of a script. */
    static List<Map<String, Object>> tools(Api api) {
        var schema = Map.of("type", "object", "properties", Map.of("filePath", Map.of("type", "string")));
        return switch (api) {
            case CHAT_COMPLETIONS ->
                List.of(Map.of("type", "function", "function", Map.of("name", "read", "parameters", schema)));
            case RESPONSES -> List.of(Map.of("type", "function", "name", "read", "parameters", schema));
            case MESSAGES -> List.of(Map.of("name", "read", "input_schema", schema));
        };
    }
}
