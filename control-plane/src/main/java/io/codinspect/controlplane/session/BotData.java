package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.model.event.EventCodec;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * What a bot keeps on a session or prompt (the Slack status message's {@code ts}, a pending
 * picker): any JSON of at most {@value #MAX_BYTES} bytes, stored as it is and shown only to the
 * service account that created the session or prompt.
 */
public final class BotData {

    public static final int MAX_BYTES = 4096;

    private BotData() {}

    /** The JSON to store, or null for none; refuses what is too large or PostgreSQL cannot hold. */
    public static String stored(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return null;
        }
        var json = EventCodec.mapper().writeValueAsString(data);
        var bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw ControlPlaneException.tooLarge(
                    "botData may take at most %d bytes as JSON; this takes %d.".formatted(MAX_BYTES, bytes));
        }
        if (json.contains("\\u0000")) {
            throw ControlPlaneException.badRequest("botData must not contain NUL characters.");
        }
        return json;
    }

    /** The stored JSON read back, or null. */
    public static JsonNode read(String stored) {
        return stored == null ? null : EventCodec.mapper().readTree(stored);
    }
}
