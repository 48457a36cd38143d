package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.usage.TokenCounts;
import io.codinspect.model.event.EventCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Reads the usage a provider reports from the bytes of its answer as they pass, without holding
 * them up or changing them: server-sent events line by line (Chat Completions' last chunk,
 * Responses' {@code response.completed}, Anthropic's {@code message_start} and
 * {@code message_delta}), or a whole JSON body. Only lines that mention {@code "usage"} are
 * parsed. A line longer than {@link #MAX_LINE} is passed on but not read: its usage is lost, and
 * the call is recorded without it.
 */
final class UsageMeter {

    static final int MAX_LINE = 4 * 1024 * 1024;
    private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private final ProviderApi api;
    private final boolean stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overflowed;
    private TokenCounts tokens = TokenCounts.NONE;

    UsageMeter(ProviderApi api, boolean stream) {
        this.api = api;
        this.stream = stream;
    }

    /** Looks at the next bytes of the answer; returns true when they changed the usage seen so far. */
    boolean accept(byte[] bytes, int offset, int length) {
        if (!stream) {
            append(bytes, offset, length);
            return false;
        }
        var changed = false;
        var start = offset;
        for (var i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                changed |= endLine();
                start = i + 1;
            }
        }
        append(bytes, start, offset + length - start);
        return changed;
    }

    /** The answer ended: a whole JSON body is read now. */
    void finish() {
        if (!stream && !overflowed) {
            read(line.toByteArray());
        }
        line.reset();
    }

    TokenCounts tokens() {
        return tokens;
    }

    private void append(byte[] bytes, int offset, int length) {
        if (overflowed || length <= 0) {
            return;
        }
        if (line.size() + length > MAX_LINE) {
            overflowed = true;
            line.reset();
            return;
        }
        line.write(bytes, offset, length);
    }

    private boolean endLine() {
        var wasOverflowed = overflowed;
        overflowed = false;
        var bytes = line.toByteArray();
        line.reset();
        if (wasOverflowed || bytes.length < 6 || !startsWith(bytes, "data:") || indexOf(bytes, USAGE) < 0) {
            return false;
        }
        var before = tokens;
        read(java.util.Arrays.copyOfRange(bytes, 5, bytes.length));
        return !tokens.equals(before);
    }

    private void read(byte[] json) {
        JsonNode node;
        try {
            node = EventCodec.mapper().readTree(new String(json, StandardCharsets.UTF_8).strip());
        } catch (RuntimeException e) {
            return; // not JSON (e.g. [DONE]): nothing to read
        }
        var usage = usageOf(node);
        if (usage == null || !usage.isObject()) {
            return;
        }
        tokens = tokens.merge(
                switch (api) {
                    case CHAT_COMPLETIONS -> chat(usage);
                    case RESPONSES -> responses(usage);
                    case MESSAGES -> messages(usage);
                });
    }

    private static JsonNode usageOf(JsonNode node) {
        if (node.has("usage")) {
            return node.get("usage");
        }
        if (node.path("response").has("usage")) {
            return node.path("response").get("usage");
        }
        return node.path("message").get("usage");
    }

    private static TokenCounts chat(JsonNode usage) {
        var cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        return new TokenCounts(
                Math.max(0, usage.path("prompt_tokens").asLong(0) - cached),
                usage.path("completion_tokens").asLong(0),
                cached,
                0,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    private static TokenCounts responses(JsonNode usage) {
        var cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
        return new TokenCounts(
                Math.max(0, usage.path("input_tokens").asLong(0) - cached),
                usage.path("output_tokens").asLong(0),
                cached,
                0,
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    }

    private static TokenCounts messages(JsonNode usage) {
        return new TokenCounts(
                usage.path("input_tokens").asLong(0),
                usage.path("output_tokens").asLong(0),
                usage.path("cache_read_input_tokens").asLong(0),
                usage.path("cache_creation_input_tokens").asLong(0),
                0);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (var i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (var i = 0; i <= bytes.length - needle.length; i++) {
            for (var j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
