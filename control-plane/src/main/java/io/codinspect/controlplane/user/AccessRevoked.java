package io.codinspect.controlplane.user;

import java.util.UUID;

/**
 * Published (after commit) when access ends before a token's expiry, so that whatever a token
 * opened (watcher sockets) can be closed at once. Expiry itself is not announced: holders of
 * open connections check {@link ApiTokens#states} periodically.
 */
public sealed interface AccessRevoked {

    /** An API token was revoked. */
    record TokenRevoked(UUID userId, UUID tokenId) implements AccessRevoked {}

    /** A user was disabled: every token of theirs stopped working. */
    record UserDisabled(UUID userId) implements AccessRevoked {}
}
