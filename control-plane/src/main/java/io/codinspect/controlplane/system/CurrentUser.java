package io.codinspect.controlplane.system;

import java.util.UUID;

/**
 * The authenticated caller of an API request or WebSocket.
 *
 * @param tokenId the API token the caller authenticated with; null when they did not present one
 *     (a watcher socket's user, a sandbox acting for its prompt's author)
 */
public record CurrentUser(UUID id, String name, String login, String email, boolean admin, UUID tokenId) {

    public CurrentUser(UUID id, String name, String login, String email, boolean admin) {
        this(id, name, login, email, admin, null);
    }
}
