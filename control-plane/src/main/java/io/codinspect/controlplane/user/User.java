package io.codinspect.controlplane.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A person (or bot identity) who can use CodInspect.
 *
 * @param disabledAt when an admin disabled them (their tokens then stop working and they cannot
 *     sign in); null while enabled
 */
public record User(UUID id, String name, String email, String login, Role role, Instant createdAt, Instant disabledAt) {

    public boolean disabled() {
        return disabledAt != null;
    }
}
