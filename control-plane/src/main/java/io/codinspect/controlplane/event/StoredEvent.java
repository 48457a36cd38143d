package io.codinspect.controlplane.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored in a session's timeline.
 *
 * @param json the event as clients see it: {@code {"seq", "type", "createdAt", ...fields}},
 *     serialised once and shared by every watcher
 */
public record StoredEvent(UUID sessionId, long seq, String type, Instant createdAt, String json) {}
