package io.codinspect.model.stream;

import java.time.Instant;

/** One user watching a session, counted once however many tabs they have open. */
public record Watcher(String userId, String name, String login, Instant since, PresenceState state) {}
