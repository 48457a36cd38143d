package io.codinspect.supervisor.workspace;

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
 * Gives git short-lived credentials on demand. A git credential helper script (bash, talking to a
 * loopback port with a per-sandbox key) asks the supervisor, which asks the control plane with the
 * sandbox token; the control plane answers only for its GitHub host while the sandbox is live. No
 * credential is stored on disk or in any environment; each lasts at most an hour.
 */
public final class CredentialBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CredentialBroker.class);

    private final URI controlPlane;
    private final String sandboxToken;
    private final String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final HttpServer server;
    private final Path helper;

    /** Starts the loopback endpoint and writes the helper script into {@code dir}. */
    public CredentialBroker(String bridgeUrl, String sandboxToken, Path dir) {
        this.controlPlane = controlPlaneOf(bridgeUrl);
        this.sandboxToken = sandboxToken;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            server.createContext("/git-credential", this::serve);
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
                # git credential helper of this CodInspect sandbox: asks the supervisor on loopback.
                [ "$1" = get ] || exit 0
                request="$(cat)"
                exec 3<>/dev/tcp/127.0.0.1/%d || exit 0
                printf 'POST /git-credential HTTP/1.0\\r\\nX-Key: %s\\r\\nContent-Length: %%d\\r\\n\\r\\n%%s' \\
                  "$(printf '%%s' "$request" | wc -c)" "$request" >&3
                sed '1,/^\\r\\{0,1\\}$/d' <&3
                """.formatted(port, key);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            var given = exchange.getRequestHeaders().getFirst("X-Key");
            if (given == null
                    || !MessageDigest.isEqual(
                            given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            var fields = new LinkedHashMap<String, String>();
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
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

    /** git's answer lines ({@code username=…, password=…}), or nothing when there is no credential. */
    private String ask(Map<String, String> fields) {
        if (!fields.containsKey("protocol") || !fields.containsKey("host")) {
            return "";
        }
        var body = EventCodec.mapper()
                .writeValueAsString(Map.of(
                        "protocol", fields.get("protocol"),
                        "host", fields.get("host"),
                        "path", fields.getOrDefault("path", "")));
        try {
            var response = http.send(
                    HttpRequest.newBuilder(controlPlane.resolve("/sandbox-api/git-credential"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + sandboxToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.info(
                        "No git credential for {}: the control plane answered {}",
                        fields.get("host"),
                        response.statusCode());
                return "";
            }
            var credential = EventCodec.mapper().readTree(response.body());
            return "username=" + credential.path("username").asString() + "\npassword="
                    + credential.path("password").asString() + "\n";
        } catch (IOException e) {
            log.warn("Could not ask the control plane for a git credential: {}", e.toString());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code ws://host:port/bridge/<id>} → {@code http://host:port}. */
    static URI controlPlaneOf(String bridgeUrl) {
        var uri = URI.create(bridgeUrl);
        var scheme = "wss".equals(uri.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + uri.getRawAuthority() + "/");
    }
}
