package io.codinspect.controlplane.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Live streaming to watchers over WebSockets.
 *
 * @param clientBufferBytes bytes of messages (UTF-8) waiting to be sent to one watcher; a watcher
 *     whose backlog would grow past this is disconnected with close code 4429 and resumes from its
 *     last seq. A single message larger than this is still sent when nothing else waits
 * @param replayBuffer live events held for a watcher while its replay runs; past this the replay
 *     reads the database again instead
 * @param wsTokenTtl how long a ws-token may be used to open a socket
 * @param helloTimeout how long a new socket may stay without a valid hello; it is then closed with
 *     4400
 * @param maxWithoutHello most sockets that have not said hello yet, from all clients together; one
 *     more is closed at once with 1013 (try again later)
 * @param maxWithoutHelloPerAddress most sockets from one client address that have not said hello
 *     yet; one more from that address is closed at once with 1013
 * @param gapTimeout how long a missing seq may hold back live delivery before it is read from the
 *     database
 * @param accessCheckInterval how often open watcher sockets are checked against their API tokens: a
 *     socket whose token expired (or was revoked or its user disabled on another replica) is
 *     closed at the next check. A revoke or disable on this replica closes its sockets at once.
 */
@ConfigurationProperties("codinspect.stream")
public record StreamProperties(
        @DefaultValue("8MB") DataSize clientBufferBytes,
        @DefaultValue("20000") int replayBuffer,
        @DefaultValue("5m") Duration wsTokenTtl,
        @DefaultValue("5s") Duration helloTimeout,
        @DefaultValue("256") int maxWithoutHello,
        @DefaultValue("16") int maxWithoutHelloPerAddress,
        @DefaultValue("500ms") Duration gapTimeout,
        @DefaultValue("30s") Duration accessCheckInterval) {}
