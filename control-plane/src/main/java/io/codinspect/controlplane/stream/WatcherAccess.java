package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.user.AccessRevoked;
import io.codinspect.controlplane.user.ApiTokens;
import io.codinspect.controlplane.user.TokenState;
import io.codinspect.model.stream.CloseCodes;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes the watcher sockets whose access ended. A revoked API token or a disabled user closes
 * them at once ({@link AccessRevoked}, after the change commits); a periodic check against the
 * tokens' state ({@code codinspect.stream.access-check-interval}) closes those whose token expired,
 * and catches whatever an event did not reach, e.g. a revoke on another replica.
 */
@Component
class WatcherAccess {

    private static final Logger log = LoggerFactory.getLogger(WatcherAccess.class);
    static final CloseStatus TOKEN_REVOKED =
            new CloseStatus(CloseCodes.UNAUTHORIZED, "the API token that opened this socket was revoked");
    static final CloseStatus TOKEN_EXPIRED =
            new CloseStatus(CloseCodes.UNAUTHORIZED, "the API token that opened this socket expired");
    static final CloseStatus USER_DISABLED = new CloseStatus(CloseCodes.USER_DISABLED, "your account was disabled");

    private final SessionStreams streams;
    private final ApiTokens tokens;

    WatcherAccess(SessionStreams streams, ApiTokens tokens) {
        this.streams = streams;
        this.tokens = tokens;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AccessRevoked event) {
        switch (event) {
            case AccessRevoked.TokenRevoked revoked ->
                close(c -> revoked.tokenId().equals(c.user.tokenId()), TOKEN_REVOKED);
            case AccessRevoked.UserDisabled disabled ->
                close(c -> disabled.userId().equals(c.user.id()), USER_DISABLED);
        }
    }

    @Scheduled(
            fixedDelayString = "${codinspect.stream.access-check-interval:30s}",
            initialDelayString = "${codinspect.stream.access-check-interval:30s}")
    void check() {
        var watchers = streams.watchers();
        if (watchers.isEmpty()) {
            return;
        }
        var states = tokens.states(watchers.stream()
                .map(c -> c.user.tokenId())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        for (var connection : watchers) {
            var state = states.getOrDefault(connection.user.tokenId(), TokenState.unknown);
            switch (state) {
                case active -> {}
                case userDisabled -> close(connection, USER_DISABLED);
                case expired -> close(connection, TOKEN_EXPIRED);
                case revoked, unknown -> close(connection, TOKEN_REVOKED);
            }
        }
    }

    private void close(Predicate<WatcherConnection> which, CloseStatus status) {
        streams.watchers().stream().filter(which).forEach(c -> close(c, status));
    }

    private static void close(WatcherConnection connection, CloseStatus status) {
        log.info(
                "Closing watcher socket={} session={} user={}: {}",
                connection.id,
                connection.sessionId,
                connection.user.id(),
                status.getReason());
        connection.outbox.close(status);
    }
}
