package io.codinspect.controlplane.system;

import java.util.UUID;

/**
 * The authenticated caller of an API request or WebSocket.
 *
 * @param tokenId the API token the caller authenticated with; null when they did not present one
 *     (a watcher socket's user, a sandbox acting for its prompt's author, a bot acting for them)
 * @param via the service account (a bot) acting for this user; null when the user acts themselves
 */
public record CurrentUser(UUID id, String name, String login, String email, boolean admin, UUID tokenId, Via via) {

    /**
     * A bot's service account acting for the user.
     *
     * @param namespace the identity namespace it acts in, which is also the source of its prompts
     *     ({@code slack}, {@code github}, {@code linear})
     */
    public record Via(UUID serviceAccountId, String name, String namespace) {}

    public CurrentUser(UUID id, String name, String login, String email, boolean admin, UUID tokenId) {
        this(id, name, login, email, admin, tokenId, null);
    }

    public CurrentUser(UUID id, String name, String login, String email, boolean admin) {
        this(id, name, login, email, admin, null, null);
    }

    /** The service account acting for the user, or null. */
    public UUID serviceAccountId() {
        return via == null ? null : via.serviceAccountId();
    }
}
