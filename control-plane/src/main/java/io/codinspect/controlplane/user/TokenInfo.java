package io.codinspect.controlplane.user;

import java.time.Instant;
import java.util.UUID;

/**
 * An API token as listed: never the secret itself.
 *
 * @param expiresAt when it stops working; null for a token that does not expire
 */
public record TokenInfo(UUID id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {}
