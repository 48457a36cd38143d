package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * GitHub's OAuth web flow for the fake: whoever the test signed in at GitHub approves at once;
 * codes (single use) become {@code gho_} user tokens; with one, {@code /user}, {@code /user/emails},
 * organisation membership and pull requests answer as that person.
 */
final class FakeOAuth {

    private static final Pattern MEMBERSHIP = Pattern.compile("/orgs/([^/]+)/members/([^/]+)");

    private final Map<String, GitHubUser> codes = new ConcurrentHashMap<>();
    private final Map<String, GitHubUser> tokens = new ConcurrentHashMap<>();
    private volatile GitHubUser signedIn;
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile boolean expiring;
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    void client(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
    }

    /** Issue expiring user tokens with refresh tokens, as GitHub Apps can. */
    void expiringTokens(boolean value) {
        this.expiring = value;
    }

    Map<String, String> refreshTokens() {
        return Map.copyOf(refreshTokens);
    }

    void signIn(GitHubUser user) {
        this.signedIn = user;
    }

    GitHubUser userOf(String authorization) {
        return authorization == null ? null : tokens.get(authorization.replaceFirst("^(token|Bearer) ", ""));
    }

    List<String> issuedTokens() {
        return List.copyOf(tokens.keySet());
    }

    /** {@code GET /login/oauth/authorize}: the signed-in person approves; back to the app with a code. */
    void authorize(HttpExchange exchange) throws IOException {
        var query = form(exchange.getRequestURI().getRawQuery());
        var redirectUri = query.get("redirect_uri");
        if (!query.getOrDefault("client_id", "").equals(clientId) || signedIn == null || redirectUri == null) {
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        var code = HexFormat.of().formatHex(new SecureRandom().generateSeed(10));
        codes.put(code, signedIn);
        var state = URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set(
                        "Location",
                        redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code + "&state=" + state);
        exchange.sendResponseHeaders(302, -1);
    }

    /** {@code POST /login/oauth/access_token}: a code, once, for a user token (client secret in the form or Basic). */
    void token(HttpExchange exchange) throws IOException {
        var body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var id = body.getOrDefault("client_id", "");
        var secret = body.getOrDefault("client_secret", "");
        var basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            var decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            id = URLDecoder.decode(decoded.substring(0, decoded.indexOf(':')), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8);
        }
        var user = codes.remove(body.getOrDefault("code", ""));
        if (user == null || !id.equals(clientId) || !secret.equals(clientSecret)) {
            FakeGitHub.send(exchange, 400, Map.of("error", "bad_verification_code"));
            return;
        }
        var token = "gho_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
        tokens.put(token, user);
        var answer = new LinkedHashMap<String, Object>(
                Map.of("access_token", token, "token_type", "bearer", "scope", "read:user,user:email,read:org"));
        if (expiring) {
            var refresh = "ghr_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
            refreshTokens.put(token, refresh);
            answer.put("refresh_token", refresh);
            answer.put("expires_in", 28800);
        }
        FakeGitHub.send(exchange, 200, answer);
    }

    /** What a user token may do; false when the path is not one of them. */
    boolean userApi(
            HttpExchange exchange,
            String method,
            String path,
            GitHubUser user,
            String webUrl,
            Map<String, FakeRepo> repos,
            FakePulls pulls)
            throws IOException {
        var membership = MEMBERSHIP.matcher(path);
        var pull = FakeGitHub.PULLS.matcher(path);
        if (path.equals("/user")) {
            var json = new LinkedHashMap<String, Object>();
            json.put("id", user.id());
            json.put("login", user.login());
            json.put("name", user.name());
            json.put("email", user.email());
            json.put("avatar_url", webUrl + "/avatars/" + user.login());
            FakeGitHub.send(exchange, 200, json);
        } else if (path.equals("/user/emails")) {
            FakeGitHub.send(
                    exchange, 200, List.of(Map.of("email", user.verifiedEmail(), "primary", true, "verified", true)));
        } else if (membership.matches()) {
            var member = user.login().equals(membership.group(2)) && user.orgs().contains(membership.group(1));
            exchange.sendResponseHeaders(member ? 204 : 404, -1);
        } else if (pull.matches() && repos.containsKey(pull.group(1) + "/" + pull.group(2))) {
            pulls.handle(
                    exchange,
                    method,
                    pull.group(1) + "/" + pull.group(2),
                    pull.group(3),
                    pull.group(4),
                    pull.group(5),
                    user.login());
        } else {
            return false;
        }
        return true;
    }

    /** Decodes a query string or form body ({@code a=1&b=2}). */
    static Map<String, String> form(String raw) {
        var values = new HashMap<String, String>();
        if (raw != null) {
            for (var pair : raw.split("&")) {
                var eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
