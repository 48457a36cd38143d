package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Serves bare repositories over git's smart HTTP protocol by running the real
 * {@code git http-backend} as a CGI program, so clones and pushes speak the real protocol.
 */
final class GitHttpBackend {

    private final Path root;

    GitHttpBackend(Path root) {
        this.root = root;
    }

    void serve(HttpExchange exchange, String pathInfo, String user) throws IOException {
        var builder = new ProcessBuilder("git", "http-backend").redirectError(ProcessBuilder.Redirect.DISCARD);
        var env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", pathInfo);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put(
                "QUERY_STRING",
                exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        var encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        var protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        var process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (var in = exchange.getRequestBody();
                    var out = process.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the backend ended early; its answer says why
            }
        });
        var output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, output);
    }

    /** Splits the CGI answer into its headers and body and sends them on. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        var text = new String(output, StandardCharsets.ISO_8859_1);
        var end = text.indexOf("\r\n\r\n");
        var separator = 4;
        if (end < 0) {
            end = text.indexOf("\n\n");
            separator = 2;
        }
        var status = 200;
        for (var line : text.substring(0, Math.max(end, 0)).split("\r?\n")) {
            var colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var name = line.substring(0, colon).trim();
            var value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        var body = end < 0 ? output : java.util.Arrays.copyOfRange(output, end + separator, output.length);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    /** Whether the request is part of a push (git-receive-pack) rather than a fetch. */
    static boolean isPush(HttpExchange exchange, String rest) {
        var query = exchange.getRequestURI().getRawQuery();
        return rest.endsWith("/git-receive-pack") || (query != null && query.contains("service=git-receive-pack"));
    }

    /** The password of a Basic authorization header, or null. */
    static String basicPassword(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        var decoded =
                new String(java.util.Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        var colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(colon + 1);
    }
}
