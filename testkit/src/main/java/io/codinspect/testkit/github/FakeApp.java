package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake GitHub App: its key, app JWTs, and the installation tokens it issues (which expire). */
final class FakeApp {

    private final AppKeys keys = new AppKeys();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final long appId = 4242;
    private final long installationId = 77;
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    long appId() {
        return appId;
    }

    long installationId() {
        return installationId;
    }

    String privateKeyPem() {
        return keys.privateKeyPem();
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    List<String> issuedTokens() {
        return List.copyOf(tokens.keySet());
    }

    /** {@code /app/**}, authenticated with an app JWT. */
    void handle(HttpExchange exchange, String method, String path, String authorization) throws IOException {
        var jwt = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (keys.verify(jwt, appId) == null) {
            FakeGitHub.send(exchange, 401, Map.of("message", "A JSON web token could not be decoded"));
            return;
        }
        if (path.equals("/app")) {
            FakeGitHub.send(exchange, 200, Map.of("id", appId, "slug", "codinspect-test", "name", "CodInspect test"));
        } else if (path.equals("/app/installations/" + installationId) && method.equals("GET")) {
            FakeGitHub.send(exchange, 200, installation());
        } else if (path.equals("/app/installations")) {
            FakeGitHub.send(exchange, 200, List.of(installation()));
        } else if (path.equals("/app/installations/" + installationId + "/access_tokens") && method.equals("POST")) {
            tokenRequests.incrementAndGet();
            var token = "ghs_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
            var expires = Instant.now().plus(tokenLifetime).truncatedTo(ChronoUnit.SECONDS);
            tokens.put(token, expires);
            FakeGitHub.send(exchange, 201, Map.of("token", token, "expires_at", expires.toString()));
        } else {
            FakeGitHub.send(exchange, 404, Map.of("message", "Not Found"));
        }
    }

    /** Whether the authorization carries a live installation token. */
    boolean validToken(String authorization) {
        if (authorization == null) {
            return false;
        }
        var token = authorization.replaceFirst("^(token|Bearer) ", "");
        var expires = tokens.get(token);
        return expires != null && expires.isAfter(Instant.now());
    }

    private Map<String, Object> installation() {
        return Map.of(
                "id",
                installationId,
                "app_id",
                appId,
                "account",
                Map.of("login", "acme", "id", 1, "type", "Organization"),
                "repository_selection",
                "selected");
    }
}
