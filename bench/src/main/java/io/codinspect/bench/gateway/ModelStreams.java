package io.codinspect.bench.gateway;

import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Streamed Chat Completions calls as OpenCode makes them (model, {@code stream}, {@code
 * stream_options.include_usage}, a system prompt, the user's message and a tools array), timed from
 * the moment the request is sent: the first content chunk, every {@code data:} line after it, and
 * {@code data: [DONE]}. One HTTP/1.1 client for every call, so that concurrent streams each get a
 * connection of their own.
 */
final class ModelStreams {

    /**
     * What one stream took, in nanoseconds from {@code sent} ({@link System#nanoTime()}): to the
     * first content chunk, to {@code [DONE]}, and to the end of the body (when the connection is free
     * for the next call); {@code error} is null when it ended with 200 and {@code [DONE]}.
     */
    record Timing(
            long sent, long firstToken, long done, long end, long maxGap, long meanGap, int chunks, String error) {}

    private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** The body of every call: about the size of OpenCode's first request of a session. */
    static byte[] body(String model, String trigger) {
        var tools = new ArrayList<Map<String, Object>>();
        for (var name : List.of(
                "bash",
                "read",
                "write",
                "edit",
                "glob",
                "grep",
                "list",
                "webfetch",
                "todowrite",
                "todoread",
                "task",
                "patch")) {
            tools.add(Map.of(
                    "type",
                    "function",
                    "function",
                    Map.of(
                            "name",
                            name,
                            "description",
                            ("Use the " + name + " tool when the task needs it. ").repeat(24),
                            "parameters",
                            Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of(
                                            "path", Map.of("type", "string", "description", "Where, absolute"),
                                            "content", Map.of("type", "string", "description", "What")),
                                    "required",
                                    List.of("path")))));
        }
        var body = Map.of(
                "model",
                model,
                "stream",
                true,
                "stream_options",
                Map.of("include_usage", true),
                "max_tokens",
                8192,
                "messages",
                List.of(
                        Map.of("role", "system", "content", "You are a coding agent. Follow the rules. ".repeat(200)),
                        Map.of("role", "user", "content", "Please answer the " + trigger + " question.")),
                "tools",
                tools);
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one call and reads its answer to the end. Never throws: a failure is the timing's error. */
    Timing stream(URI uri, String key, byte[] body) {
        var request = request(uri, key, body);
        var sent = System.nanoTime();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var in = response.body()) {
                if (response.statusCode() != 200) {
                    var text = new String(in.readNBytes(300), StandardCharsets.UTF_8);
                    return failed(sent, "status " + response.statusCode() + " " + text);
                }
                return read(in, sent);
            }
        } catch (IOException e) {
            return failed(sent, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(sent, "interrupted");
        }
    }

    /** Sends one call that is to be refused with {@code status}; how long until its whole answer came. */
    long refused(URI uri, String key, byte[] body, int status) {
        var request = request(uri, key, body);
        var sent = System.nanoTime();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != status) {
                throw new IllegalStateException("expected " + status + " from " + uri + ", got " + response.statusCode()
                        + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return System.nanoTime() - sent;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpRequest request(URI uri, String key, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Splits the answer into lines as it arrives; a line's time is that of the read that completed it. */
    private static Timing read(InputStream in, long sent) throws IOException {
        var buffer = new byte[16384];
        var line = new java.io.ByteArrayOutputStream();
        long first = 0;
        long done = 0;
        long last = 0;
        long maxGap = 0;
        long gaps = 0;
        int chunks = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            var now = System.nanoTime();
            var start = 0;
            for (var i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                line.write(buffer, start, i - start);
                start = i + 1;
                var bytes = line.toByteArray();
                line.reset();
                if (done != 0 || !startsWith(bytes, "data:")) {
                    continue; // blank lines and keep-alive comments
                }
                if (startsWith(bytes, "data: [DONE]")) {
                    done = now;
                } else if (first == 0 && contains(bytes, CONTENT)) {
                    first = now;
                }
                if (first != 0) {
                    if (last != 0) {
                        maxGap = Math.max(maxGap, now - last);
                        gaps += now - last;
                    }
                    last = now;
                    chunks++;
                }
            }
            line.write(buffer, start, n - start);
        }
        if (first == 0 || done == 0) {
            return failed(sent, first == 0 ? "no content chunk" : "no [DONE]");
        }
        return new Timing(
                sent,
                first - sent,
                done - sent,
                System.nanoTime() - sent,
                maxGap,
                chunks > 1 ? gaps / (chunks - 1) : 0,
                chunks,
                null);
    }

    private static Timing failed(long sent, String error) {
        return new Timing(sent, 0, 0, 0, 0, 0, 0, error);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (var i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, byte[] needle) {
        outer:
        for (var i = 0; i <= bytes.length - needle.length; i++) {
            for (var j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
