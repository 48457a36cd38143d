package io.codinspect.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with the control plane: the bearer token and on-behalf header, a deadline for
 * the whole exchange (headers and body), a bounded body, and the answer's failures classified once
 * into {@link CodInspectProblem} and {@link CodInspectUnreachable}.
 */
final class Transport {

    /** An answer with a 2xx status. */
    record Answer(int status, byte[] body, String request) {}

    static final String ON_BEHALF_OF = "X-CodInspect-On-Behalf-Of";
    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final long maxResponseBytes;

    Transport(URI base, String token, Duration timeout, long maxResponseBytes) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = base.toString().replaceAll("/+$", "");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    String base() {
        return base;
    }

    /** Sends the request; a non-2xx answer throws. {@code body} null sends none. */
    Answer send(String method, String path, UUID onBehalfOf, Object body) {
        var request = method + " " + path;
        var answer = exchange(method, path, onBehalfOf, body, request);
        if (answer.status() / 100 != 2) {
            throw failure(request, answer);
        }
        return answer;
    }

    /** As {@link #send}, with a 404 answered as empty. */
    Optional<Answer> find(String method, String path, UUID onBehalfOf, Object body) {
        var request = method + " " + path;
        var answer = exchange(method, path, onBehalfOf, body, request);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() / 100 != 2) {
            throw failure(request, answer);
        }
        return Optional.of(answer);
    }

    private Answer exchange(String method, String path, UUID onBehalfOf, Object body, String request) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json, application/problem+json");
        if (onBehalfOf != null) {
            builder.header(ON_BEHALF_OF, onBehalfOf.toString());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        }
        var started = System.nanoTime();
        var pending = http.sendAsync(builder.build(), BoundedBody.handler(maxResponseBytes, request));
        try {
            var response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            log.debug(
                    "codinspect {} -> {} in {} ms",
                    request,
                    response.statusCode(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Answer(response.statusCode(), response.body(), request);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new CodInspectUnreachable(request + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CodInspectUnreachable(request + ": interrupted", e);
        } catch (ExecutionException e) {
            throw unreachable(request, e.getCause());
        }
    }

    private static CodInspectException unreachable(String request, Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CodInspectException own) {
            return own;
        }
        if (cause instanceof IOException) {
            var why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new CodInspectUnreachable(request + ": " + why, cause);
        }
        return new CodInspectException(request + ": " + cause, cause);
    }

    /** A problem detail as the server sent it; else its status's reason (a 5xx then retryable). */
    private static CodInspectException failure(String request, Answer answer) {
        var json = Json.tree(answer.body());
        var status = answer.status();
        if (json != null && json.isObject() && (json.has("title") || json.has("detail"))) {
            var title = json.path("title").isString() ? json.get("title").asString() : Reasons.of(status);
            var detail = json.path("detail").isString() ? json.get("detail").asString() : null;
            return new CodInspectProblem(request, status, title, detail);
        }
        if (status >= 500) {
            return new CodInspectUnreachable(request + ": " + status + " " + Reasons.of(status), status);
        }
        return new CodInspectProblem(request, status, Reasons.of(status), null);
    }
}
