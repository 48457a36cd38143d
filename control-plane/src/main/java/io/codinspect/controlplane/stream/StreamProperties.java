package io.codinspect.controlplane.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live streaming to watchers over WebSockets.
 *
 * @param clientBuffer messages waiting to be sent to one watcher; a watcher that falls this far
 *     behind is disconnected with close code 4429 and resumes from its last seq
 * @param replayBuffer live events held for a watcher while its replay runs; past this the replay
 *     reads the database again instead
 * @param wsTokenTtl how long a ws-token may be used to open a socket
 * @param helloTimeout how long a new socket may stay without a valid hello
 * @param gapTimeout how long a missing seq may hold back live delivery before it is read from the
 *     database
 * @param accessCheckInterval how often open watcher sockets are checked against their API tokens: a
 *     socket whose token expired (or was revoked or its user disabled on another replica) is
 *     closed at the next check. A revoke or disable on this replica closes its sockets at once.
 */
@ConfigurationProperties("codinspect.stream")
public record StreamProperties(
        @DefaultValue("10000") int clientBuffer,
        @DefaultValue("20000") int replayBuffer,
        @DefaultValue("5m") Duration wsTokenTtl,
        @DefaultValue("10s") Duration helloTimeout,
        @DefaultValue("500ms") Duration gapTimeout,
        @DefaultValue("30s") Duration accessCheckInterval) {}
