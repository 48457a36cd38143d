package io.codinspect.supervisor.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.SupervisorException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sandbox's own tools ask the control plane for, relayed by the supervisor, which alone
 * holds the sandbox token: git credentials (a git credential helper script) and the agent's
 * pull requests (its {@code create-pull-request} tool). Both reach a loopback port with a
 * per-sandbox key. Git credentials are short-lived installation tokens the control plane gives
 * only for its GitHub host while the sandbox is live; none is stored on disk or in an environment.
 * A repository on this machine is served here too ({@link LocalOrigin}), behind the same key.
 */
public final class LoopbackRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopbackRelay.class);
    /** Largest request a tool may send (a pull request's title and body, git's credential fields). */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final URI controlPlane;
    private final String sandboxToken;
    private final String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final HttpServer server;
    private volatile java.util.function.Supplier<String> beforePullRequest = () -> null;
    private final Path helper;
    private final LocalOrigin localOrigin;

    /**
     * Starts the loopback endpoint and writes the helper script into {@code dir}.
     *
     * @param repository the session's repository: one on this machine is served over loopback
     * @param pushable the refs the sandbox may push to a repository on this machine
     * @param privateDir a folder of the supervisor's own (the local origin's backend runs there)
     */
    public LoopbackRelay(
            String bridgeUrl,
            String sandboxToken,
            Path dir,
            String repository,
            java.util.List<String> pushable,
            Path privateDir) {
        this.controlPlane = controlPlaneOf(bridgeUrl);
        this.sandboxToken = sandboxToken;
        var localPath = LocalOrigin.of(repository);
        this.localOrigin = localPath == null ? null : new LocalOrigin(localPath, pushable, privateDir);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/git-credential", this::serve);
            server.createContext("/pull-request", this::pullRequest);
            if (localOrigin != null) {
                server.createContext(LocalOrigin.PREFIX, this::origin);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            Files.createDirectories(dir);
            helper = dir.resolve("git-credential-codinspect");
            Files.writeString(helper, script(server.getAddress().getPort()));
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SupervisorException("cannot set up git credentials: " + e.getMessage(), e);
        }
    }

    /**
     * Where the sandbox clones from and pushes to: the repository itself, or for one on this
     * machine its loopback URL here.
     */
    public String cloneUrl(String repository) {
        return localOrigin == null ? repository : url(LocalOrigin.PREFIX).replaceAll("/$", "");
    }

    /** The loopback URL of {@code path}, for tools in the sandbox. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Runs before a pull request is asked for (commit and push the work so far); returns an error or null. */
    public void beforePullRequest(java.util.function.Supplier<String> step) {
        this.beforePullRequest = step;
    }

    /** The key tools must send as {@code X-Key}. */
    public String key() {
        return key;
    }

    /** The value for git's {@code credential.helper}. */
    public String helperCommand() {
        return helper.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String script(int port) {
        return """
                #!/usr/bin/env bash
                # git credential helper of this CodInspect sandbox: asks the supervisor on loopback
                # (the supervisor gives up on the control plane after 60 s; this waits 90 s at most).
                [ "$1" = get ] || exit 0
                request="$(cat)"
                exec 3<>/dev/tcp/127.0.0.1/%d || exit 0
                printf 'POST /git-credential HTTP/1.0\\r\\nX-Key: %s\\r\\nContent-Length: %%d\\r\\n\\r\\n%%s' \\
                  "$(printf '%%s' "$request" | wc -c)" "$request" >&3
                timeout 90 sed '1,/^\\r\\{0,1\\}$/d' <&3
                """.formatted(port, key);
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        var given = exchange.getRequestHeaders().getFirst("X-Key");
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
            exchange.sendResponseHeaders(403, -1);
            return false;
        }
        return true;
    }

    /** The agent's create-pull-request tool: passes the request on and answers with the control plane's words. */
    private void pullRequest(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            var body = boundedBody(exchange);
            if (body == null) {
                return;
            }
            var notDelivered = beforePullRequest.get();
            if (notDelivered != null) {
                var bytes = ("The work could not be pushed first: " + notDelivered).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(409, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            var answer = post("/sandbox-api/pull-request", body);
            var text = answer == null ? "The control plane could not be reached." : answer.body();
            var bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    answer == null ? 502 : answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private HttpResponse<String> post(String path, String json) {
        try {
            return http.send(
                    HttpRequest.newBuilder(controlPlane.resolve(path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + sandboxToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Could not reach the control plane at {}: {}", path, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            var fields = new LinkedHashMap<String, String>();
            var request = boundedBody(exchange);
            if (request == null) {
                return;
            }
            request.lines()
                    .filter(line -> line.contains("="))
                    .forEach(line ->
                            fields.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
            var answer = ask(fields);
            var body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    /** The request's body, at most {@link #MAX_BODY_BYTES}; null after answering 413 for a larger one. */
    private static String boundedBody(HttpExchange exchange) throws IOException {
        var bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            exchange.sendResponseHeaders(413, -1);
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The local origin, for git with this relay's key as its password. */
    private void origin(HttpExchange exchange) throws IOException {
        try (exchange) {
            var password = basicPassword(exchange.getRequestHeaders().getFirst("Authorization"));
            if (password == null
                    || !MessageDigest.isEqual(
                            password.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"codinspect\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            localOrigin.serve(exchange);
        }
    }

    private static String basicPassword(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            var decoded = new String(
                    java.util.Base64.getDecoder()
                            .decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** git's answer lines ({@code username=…, password=…}), or nothing when there is no credential. */
    private String ask(Map<String, String> fields) {
        if (!fields.containsKey("protocol") || !fields.containsKey("host")) {
            return "";
        }
        if (localOrigin != null
                && "http".equals(fields.get("protocol"))
                && ("127.0.0.1:" + server.getAddress().getPort()).equals(fields.get("host"))) {
            return "username=codinspect\npassword=" + key + "\n";
        }
        var body = EventCodec.mapper()
                .writeValueAsString(Map.of(
                        "protocol", fields.get("protocol"),
                        "host", fields.get("host"),
                        "path", fields.getOrDefault("path", "")));
        var response = post("/sandbox-api/git-credential", body);
        if (response == null || response.statusCode() != 200) {
            log.info(
                    "No git credential for {}: the control plane answered {}",
                    fields.get("host"),
                    response == null ? "nothing" : response.statusCode());
            return "";
        }
        var credential = EventCodec.mapper().readTree(response.body());
        return "username=" + credential.path("username").asString() + "\npassword="
                + credential.path("password").asString() + "\n";
    }

    /** {@code ws://host:port/bridge/<id>} → {@code http://host:port}. */
    static URI controlPlaneOf(String bridgeUrl) {
        var uri = URI.create(bridgeUrl);
        var scheme = "wss".equals(uri.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + uri.getRawAuthority() + "/");
    }
}
