package io.codinspect.controlplane.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A newly created API token. {@code token} is shown this once and stored only as a hash.
 *
 * @param expiresAt when it stops working; null for a token that does not expire
 */
public record MintedToken(UUID id, UUID userId, String name, String token, Instant createdAt, Instant expiresAt) {}
