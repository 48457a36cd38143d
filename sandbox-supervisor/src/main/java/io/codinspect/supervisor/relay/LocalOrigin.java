package io.codinspect.supervisor.relay;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository on this machine ({@code /path} or {@code file:///path}), served to the sandbox over
 * loopback with git's smart HTTP protocol ({@code git http-backend}, run by the supervisor in the
 * origin), so that the agent's side never touches the host's folder: it cannot write the origin's
 * hooks or configuration, nor read any other repository. Only the three smart-HTTP routes of this
 * one repository are answered. The backend reads no configuration but the origin's own (no global
 * or system file: the supervisor's environment is not the agent's to shape), runs no hook, checks
 * every object pushed, and takes pushes only to the session branch and the session's checkpoint
 * ref (every other ref is hidden from receive-pack, so a push to it is refused).
 */
final class LocalOrigin {

    static final String PREFIX = "/git/origin/";
    private static final Logger log = LoggerFactory.getLogger(LocalOrigin.class);
    private static final Set<String> ROUTES = Set.of("info/refs", "git-upload-pack", "git-receive-pack");
    private static final long TIMEOUT_MINUTES = 10;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** The largest request passed to the backend (a push of the session's work). */
    static final long MAX_REQUEST_BYTES = 1L << 30;

    private final Path origin;
    private final List<String> receiveRefs;
    private final Path home;

    /**
     * @param receiveRefs the only refs a push may update
     * @param home an empty folder of the supervisor's own, the backend's HOME
     */
    LocalOrigin(Path origin, List<String> receiveRefs, Path home) {
        this.origin = origin.toAbsolutePath().normalize();
        this.receiveRefs = List.copyOf(receiveRefs);
        this.home = home;
    }

    /** {@code /path} or {@code file:///path} → the path; anything else → null. */
    static Path of(String repository) {
        if (repository.startsWith("file://")) {
            return Path.of(java.net.URI.create(repository));
        }
        return repository.startsWith("/") ? Path.of(repository) : null;
    }

    void serve(HttpExchange exchange) throws IOException {
        var route = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (!ROUTES.contains(route)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        var command = new java.util.ArrayList<>(List.of(
                "git",
                "-c",
                "core.hooksPath=/dev/null",
                "-c",
                "receive.fsckObjects=true",
                "-c",
                "uploadpack.allowFilter=false",
                "-c",
                "receive.hideRefs=refs/"));
        receiveRefs.forEach(ref -> command.addAll(List.of("-c", "receive.hideRefs=!" + ref)));
        command.add("http-backend");
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        var env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CODINSPECT_") || key.startsWith("GIT_") || key.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_PROJECT_ROOT", origin.getParent().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", "/" + origin.getFileName() + "/" + route);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        var query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", "codinspect-sandbox"); // receive-pack is allowed for authenticated users
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        var process = builder.start();
        Thread.ofVirtual().name("local-origin-in").start(() -> {
            try (var in = exchange.getRequestBody();
                    var out = process.getOutputStream()) {
                var buffer = new byte[64 * 1024];
                long total = 0;
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    total += read;
                    if (total > MAX_REQUEST_BYTES) {
                        log.warn("A request to the local origin passed {} bytes; refused", MAX_REQUEST_BYTES);
                        process.destroyForcibly();
                        return;
                    }
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the backend ended early; its answer says why
            }
        });
        try (var out = process.getInputStream()) {
            respond(exchange, out);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Copies the CGI answer's headers, then streams its body. */
    private void respond(HttpExchange exchange, InputStream cgi) throws IOException {
        var status = 200;
        var headers = readHeaders(cgi);
        for (var line : headers.split("\r?\n")) {
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
        exchange.sendResponseHeaders(status, 0);
        try (var body = exchange.getResponseBody()) {
            cgi.transferTo(body);
        }
        if (status >= 400) {
            log.info(
                    "The local origin {} answered {} to {}",
                    origin,
                    status,
                    exchange.getRequestURI().getPath());
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        var header = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && (previous == '\n' || endsWithCrLf(header))) {
                break;
            }
            header.write(b);
            previous = b;
            if (header.size() > MAX_HEADER_BYTES) {
                throw new IOException("git http-backend sent more than " + MAX_HEADER_BYTES + " bytes of headers");
            }
        }
        return header.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWithCrLf(ByteArrayOutputStream header) {
        var bytes = header.toByteArray();
        var n = bytes.length;
        return n >= 3 && bytes[n - 1] == '\r' && bytes[n - 2] == '\n' && bytes[n - 3] == '\r';
    }

    private static void copyHeader(
            HttpExchange exchange, String header, java.util.Map<String, String> env, String name) {
        var value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(name, value);
        }
    }

    boolean exists() {
        return Files.isDirectory(origin);
    }
}
