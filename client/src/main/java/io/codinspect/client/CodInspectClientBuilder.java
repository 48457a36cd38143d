package io.codinspect.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Builds a {@link CodInspectClient}: {@code CodInspectClient.builder(url).token(t).build()}. */
public final class CodInspectClientBuilder {

    /** The default deadline of each request, from connecting to the last byte of the answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The default bound of an answer's body; a larger one fails the call. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    private final URI baseUrl;
    private String token;
    private Duration timeout = DEFAULT_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    CodInspectClientBuilder(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        var scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
        }
        if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            throw new IllegalArgumentException("baseUrl must have no query or fragment: " + baseUrl);
        }
        this.baseUrl = baseUrl;
    }

    /** The bearer token: a person's API token or a bot's service-account token ({@code cib_…}). */
    public CodInspectClientBuilder token(String bearer) {
        Objects.requireNonNull(bearer, "token");
        if (bearer.isBlank() || bearer.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("the token must be non-empty, without spaces or control characters");
        }
        this.token = bearer;
        return this;
    }

    /** The deadline of each request, from connecting to the last byte of the answer; 10 s by default. */
    public CodInspectClientBuilder timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
        return this;
    }

    /** The bound of an answer's body; 8 MiB by default. */
    public CodInspectClientBuilder maxResponseBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.maxResponseBytes = bytes;
        return this;
    }

    public CodInspectClient build() {
        if (token == null) {
            throw new IllegalStateException("a token is required");
        }
        return CodInspectClient.of(new Transport(baseUrl, token, timeout, maxResponseBytes));
    }
}
