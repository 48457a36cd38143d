package io.codinspect.supervisor.runner;

import com.sun.net.httpserver.HttpExchange;
import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.boundary.RunnerProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reading and checking the runner's requests, and writing its answers, within the protocol's bounds. */
final class Wire {

    private Wire() {}

    /** A request the runner refuses, with the HTTP status and words for the supervisor's log. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static <T> T read(HttpExchange exchange, Class<T> type) {
        byte[] body;
        try (var in = exchange.getRequestBody()) {
            body = in.readNBytes(RunnerProtocol.MAX_REQUEST_BYTES + 1);
        } catch (IOException e) {
            throw new Refused(400, "the request could not be read: " + e.getMessage());
        }
        if (body.length > RunnerProtocol.MAX_REQUEST_BYTES) {
            throw new Refused(413, "requests are limited to " + RunnerProtocol.MAX_REQUEST_BYTES + " bytes");
        }
        try {
            var value = EventCodec.mapper().readValue(body, type);
            if (value == null) {
                throw new Refused(400, "the request has no body");
            }
            return value;
        } catch (RuntimeException e) {
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw new Refused(400, "the request is not a " + type.getSimpleName() + " in JSON");
        }
    }

    static void answer(HttpExchange exchange, int status, Object value) throws IOException {
        var bytes = EventCodec.mapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static List<String> command(List<String> command) {
        if (command == null || command.isEmpty() || command.stream().anyMatch(a -> a == null)) {
            throw new Refused(400, "command must be a non-empty list of strings");
        }
        if (command.size() > RunnerProtocol.MAX_ARGUMENTS) {
            throw new Refused(400, "a command has at most " + RunnerProtocol.MAX_ARGUMENTS + " arguments");
        }
        return List.copyOf(command);
    }

    static Path dir(String dir) {
        if (dir == null || !dir.startsWith("/") || !Files.isDirectory(Path.of(dir))) {
            throw new Refused(400, "dir must be an existing folder given by its absolute path, not " + dir);
        }
        return Path.of(dir);
    }

    static Map<String, String> env(Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > RunnerProtocol.MAX_ARGUMENTS) {
            throw new Refused(400, "at most " + RunnerProtocol.MAX_ARGUMENTS + " variables may be passed");
        }
        if (env.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new Refused(400, "env must map names to strings");
        }
        return Map.copyOf(env);
    }

    /** The {@code from} query parameter of an output read; 0 when absent. */
    static long from(HttpExchange exchange) {
        var query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return 0;
        }
        for (var part : query.split("&")) {
            if (part.startsWith("from=")) {
                try {
                    var from = Long.parseLong(part.substring(5));
                    if (from >= 0) {
                        return from;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
                throw new Refused(400, "from must be a line number, not " + part.substring(5));
            }
        }
        return 0;
    }
}
