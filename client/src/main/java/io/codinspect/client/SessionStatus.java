package io.codinspect.client;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A session's life as the control plane reports it: {@code awaiting_repository} while a bot still
 * asks its person which repository (holding the first prompt), {@code created} until the first
 * prompt runs, {@code running} while a prompt runs, {@code idle} between prompts, {@code archived}.
 * A status this client does not know yet reads as {@link #unknown}, so a newer server never breaks
 * an older bot.
 */
public enum SessionStatus {
    awaiting_repository,
    created,
    running,
    idle,
    archived,
    /** A status added to the server after this client was built. */
    unknown;

    @JsonCreator
    static SessionStatus of(String value) {
        return Enums.of(SessionStatus.class, value, unknown);
    }
}
