package io.codinspect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the control plane's REST API, acting with one bearer token. */
public final class ApiClient {

    /** A response: status, raw body and the body as JSON (null when it is not JSON). */
    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            return body == null || body.isBlank() ? null : Json.parse(body);
        }

        public String text(String field) {
            return json().get(field).asString();
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;
    private final String onBehalfOf;

    public ApiClient(URI base, String token) {
        this(base, token, null);
    }

    private ApiClient(URI base, String token, String onBehalfOf) {
        this.base = base;
        this.token = token;
        this.onBehalfOf = onBehalfOf;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(base, otherToken);
    }

    /** The same token (a bot's service account) acting for the user {@code userId}. */
    public ApiClient onBehalfOf(String userId) {
        return new ApiClient(base, token, userId);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body instanceof String s ? s : Json.write(body));
    }

    public String token() {
        return token;
    }

    public URI base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body instanceof String s ? s : body == null ? null : Json.write(body));
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body instanceof String s ? s : Json.write(body));
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a raw body as is, e.g. malformed JSON. */
    public Response send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (onBehalfOf != null) {
            request.header("X-CodInspect-On-Behalf-Of", onBehalfOf);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
