package io.codinspect.supervisor.opencode;

import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.SupervisorException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** OpenCode's HTTP API, as far as the supervisor uses it. Every call has a timeout. */
public final class OpencodeClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OpencodeClient(String baseUrl, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString(("opencode:" + password).getBytes(StandardCharsets.UTF_8));
    }

    void awaitHealthy(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(
                        request("/global/health", Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"healthy\":true")) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupervisorException("interrupted while waiting for OpenCode", e);
            }
            try {
                Thread.sleep(50); // poll interval while the server starts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupervisorException("interrupted while waiting for OpenCode", e);
            }
        }
        throw new SupervisorException("OpenCode did not become healthy within " + timeout.toSeconds() + " s");
    }

    /** Creates an OpenCode session; a title is always given so that OpenCode does not ask a model for one. */
    public String createSession(String title) {
        return post("/session", Map.of("title", title)).path("id").asString();
    }

    /** Sends a prompt; OpenCode answers at once and works in the background. */
    public void prompt(String sessionId, String text, String providerId, String modelId, String variant) {
        var body = new LinkedHashMap<String, Object>();
        body.put("parts", List.of(Map.of("type", "text", "text", text)));
        body.put("model", Map.of("providerID", providerId, "modelID", modelId));
        if (variant != null) {
            body.put("variant", variant);
        }
        post("/session/" + sessionId + "/prompt_async", body);
    }

    public void abort(String sessionId) {
        post("/session/" + sessionId + "/abort", Map.of());
    }

    /** The session's newest messages with their parts, oldest first: {@code [{info, parts}]}. */
    public JsonNode messages(String sessionId, int limit) {
        return get("/session/" + sessionId + "/message?limit=" + limit);
    }

    /** The id of the session's newest message, or null when it has none. */
    public String lastMessageId(String sessionId) {
        var messages = messages(sessionId, 1);
        return messages.isArray() && !messages.isEmpty()
                ? messages.get(messages.size() - 1).path("info").path("id").asString(null)
                : null;
    }

    /** Whether OpenCode says the session is idle (it lists only busy and retrying sessions). */
    public boolean idle(String sessionId) {
        var status = get("/session/status").path(sessionId);
        return status.isMissingNode() || "idle".equals(status.path("type").asString());
    }

    private JsonNode get(String path) {
        try {
            var response = http.send(request(path, CALL_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SupervisorException("OpenCode answered " + response.statusCode() + " to " + path);
            }
            return EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new SupervisorException("OpenCode did not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while calling OpenCode", e);
        }
    }

    /** The server's event stream, one line at a time; the caller closes the stream. */
    public Stream<String> events() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/event"))
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("OpenCode's event stream answered " + response.statusCode());
        }
        return response.body();
    }

    private JsonNode post(String path, Object body) {
        try {
            var response = http.send(
                    request(path, CALL_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    EventCodec.mapper().writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SupervisorException(
                        "OpenCode answered " + response.statusCode() + " to " + path + ": " + response.body());
            }
            return response.body().isBlank()
                    ? EventCodec.mapper().createObjectNode()
                    : EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new SupervisorException("OpenCode did not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while calling OpenCode", e);
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization);
    }
}
