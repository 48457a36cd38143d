package io.codinspect.client;

import java.time.Instant;
import java.util.UUID;

/**
 * The caller as {@code GET /api/me} answers: the person a token belongs to, or the one a bot acts for.
 *
 * @param email nullable
 * @param login nullable (people who did not sign in with GitHub)
 * @param role {@code admin} or {@code user} (or a role added later)
 * @param disabledAt when an admin disabled them; null while enabled
 */
public record Me(UUID id, String name, String email, String login, String role, Instant createdAt, Instant disabledAt) {

    public boolean admin() {
        return "admin".equals(role);
    }
}
