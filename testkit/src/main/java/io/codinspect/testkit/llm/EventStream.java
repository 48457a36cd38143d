package io.codinspect.testkit.llm;

import com.sun.net.httpserver.HttpExchange;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * A {@code text/event-stream} response being written, or nothing at all (for building a
 * non-streaming answer with the same code). A write to a client that went away throws.
 */
final class EventStream {

    /** How long a pause sleeps between two keep-alive comments. */
    static final Duration SLICE = Duration.ofMillis(250);

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    static EventStream open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new EventStream(exchange.getResponseBody());
    }

    /** A stream that writes nothing; its pauses still take their time. */
    static EventStream discarding() {
        return new EventStream(null);
    }

    /** {@code event: type} and {@code data: json}, as the Responses and Messages APIs send them. */
    void event(String type, Map<String, Object> data) throws IOException {
        write("event: " + type + "\ndata: " + Json.write(data) + "\n\n");
    }

    /** Only {@code data: json}, as Chat Completions sends it. */
    void data(Object data) throws IOException {
        write("data: " + Json.write(data) + "\n\n");
    }

    void done() throws IOException {
        write("data: [DONE]\n\n");
    }

    /** Sleeps in slices; a live stream sends a comment after each, so a closed client fails a write. */
    void pause(Duration duration) throws IOException {
        hold(null, duration);
    }

    /** As {@link #pause}, ending early once {@code until} (when given) is complete. */
    void hold(Future<?> until, Duration duration) throws IOException {
        var end = System.nanoTime() + duration.toNanos();
        for (var left = duration.toNanos();
                left > 0 && (until == null || !until.isDone());
                left = end - System.nanoTime()) {
            sleep(Duration.ofNanos(Math.min(left, SLICE.toNanos())));
            if (out != null) {
                out.write(KEEP_ALIVE);
                out.flush();
            }
        }
    }

    static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void write(String frame) throws IOException {
        if (out != null) {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Splits text into a few pieces so clients see a real stream of deltas. */
    static List<String> pieces(String text) {
        if (text.length() < 8) {
            return List.of(text);
        }
        var third = text.length() / 3;
        return List.of(text.substring(0, third), text.substring(third, 2 * third), text.substring(2 * third));
    }

    /** An ordered JSON object from alternating keys and values; null values are kept. */
    static Map<String, Object> object(Object... keysAndValues) {
        var object = new LinkedHashMap<String, Object>();
        for (var i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** A fresh id such as {@code call_3f2a…}: the prefix and 24 hex digits. */
    static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
