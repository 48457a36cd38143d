package io.codinspect.controlplane.user;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never the secret itself. */
public record TokenInfo(UUID id, String name, Instant createdAt, Instant revokedAt) {}
