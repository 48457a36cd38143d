package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The fake GitHub App: its key, app JWTs, and the installation tokens it issues as GitHub does —
 * narrowed to the repositories and permissions asked for, expiring, and revocable by their holder.
 */
final class FakeApp {

    /** What the App was granted when installed (its manifest's default permissions). */
    private static final Map<String, String> APP_PERMISSIONS =
            Map.of("contents", "write", "pull_requests", "write", "metadata", "read", "members", "read");

    private static final List<String> LEVELS = List.of("read", "write");

    private final AppKeys keys = new AppKeys();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final long appId = 4242;
    private final long installationId = 77;
    private final AtomicInteger failingRevocations = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    long appId() {
        return appId;
    }

    long installationId() {
        return installationId;
    }

    /** The login of the account the App is installed on, owner of every repository it reaches. */
    String account() {
        return "acme";
    }

    String privateKeyPem() {
        return keys.privateKeyPem();
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    int tokenRequests() {
        return issued.size();
    }

    List<IssuedToken> issued() {
        return List.copyOf(issued);
    }

    List<String> revoked() {
        return List.copyOf(revoked);
    }

    /**
     * {@code /app/**}, authenticated with an app JWT. {@code installed} says whether a repository
     * name of the installation's account is one the installation reaches.
     */
    void handle(HttpExchange exchange, String method, String path, String authorization, Predicate<String> installed)
            throws IOException {
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
            createToken(exchange, installed);
        } else {
            FakeGitHub.send(exchange, 404, Map.of("message", "Not Found"));
        }
    }

    /** The next {@code count} revocations fail with a 502, as GitHub does on a bad day. */
    void failRevocations(int count) {
        failingRevocations.set(count);
    }

    /** {@code DELETE /installation/token}: the token authenticating the call is revoked (204), for good. */
    void revoke(HttpExchange exchange, String authorization) throws IOException {
        if (failingRevocations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            FakeGitHub.send(exchange, 502, Map.of("message", "Server Error"));
            return;
        }
        var token = grant(authorization);
        if (token == null) {
            FakeGitHub.send(exchange, 401, Map.of("message", "Bad credentials"));
            return;
        }
        revoked.add(token.value());
        exchange.sendResponseHeaders(204, -1);
    }

    /** The live (issued, unexpired, unrevoked) installation token the authorization carries, or null. */
    IssuedToken grant(String authorization) {
        if (authorization == null) {
            return null;
        }
        var value = authorization.replaceFirst("^(token|Bearer) ", "");
        var token = tokens.get(value);
        return token != null && token.expiresAt().isAfter(Instant.now()) && !revoked.contains(value) ? token : null;
    }

    private void createToken(HttpExchange exchange, Predicate<String> installed) throws IOException {
        var text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var body = text.isBlank() ? null : Json.parse(text);
        var repositories = new ArrayList<String>();
        if (body != null && body.has("repositories")) {
            body.get("repositories").forEach(name -> repositories.add(name.asString()));
        }
        if (!repositories.stream().allMatch(installed)) {
            FakeGitHub.send(
                    exchange,
                    422,
                    Map.of(
                            "message",
                            "There is at least one repository that does not exist"
                                    + " or is not accessible to the parent installation."));
            return;
        }
        var permissions = new LinkedHashMap<String, String>();
        if (body != null && body.has("permissions")) {
            body.get("permissions")
                    .properties()
                    .forEach(e -> permissions.put(e.getKey(), e.getValue().asString()));
        } else {
            permissions.putAll(APP_PERMISSIONS);
        }
        if (!permissions.entrySet().stream().allMatch(FakeApp::granted)) {
            FakeGitHub.send(
                    exchange,
                    422,
                    Map.of("message", "The permissions requested are not granted to this installation."));
            return;
        }
        var value = "ghs_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
        var expires = Instant.now().plus(tokenLifetime).truncatedTo(ChronoUnit.SECONDS);
        var token = new IssuedToken(value, expires, repositories, permissions);
        tokens.put(value, token);
        issued.add(token);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("token", value);
        answer.put("expires_at", expires.toString());
        answer.put("permissions", permissions);
        answer.put("repository_selection", repositories.isEmpty() ? "all" : "selected");
        answer.put(
                "repositories",
                repositories.stream()
                        .map(name -> Map.of("name", name, "full_name", account() + "/" + name))
                        .toList());
        FakeGitHub.send(exchange, 201, answer);
    }

    private static boolean granted(Map.Entry<String, String> asked) {
        var has = APP_PERMISSIONS.get(asked.getKey());
        return has != null
                && LEVELS.contains(asked.getValue())
                && LEVELS.indexOf(asked.getValue()) <= LEVELS.indexOf(has);
    }

    private Map<String, Object> installation() {
        return Map.of(
                "id",
                installationId,
                "app_id",
                appId,
                "account",
                Map.of("login", account(), "id", 1, "type", "Organization"),
                "repository_selection",
                "selected");
    }
}
