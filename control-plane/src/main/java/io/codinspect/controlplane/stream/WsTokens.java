package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.system.Secrets;
import io.codinspect.controlplane.user.ApiTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short-lived tokens that open one session's WebSocket for one user. Stored hashed, with the API
 * token that minted them: a ws-token opens a socket only while that API token still lets its user
 * in, and the socket is closed when it stops doing so ({@link WatcherAccess}).
 */
@Component
class WsTokens {

    static final String PREFIX = "ciw_";

    record Minted(String token, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final ApiTokens apiTokens;
    private final StreamProperties properties;
    private final Clock clock;

    WsTokens(JdbcClient jdbc, ApiTokens apiTokens, StreamProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.apiTokens = apiTokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Minted mint(UUID sessionId, CurrentUser user) {
        if (user.tokenId() == null) {
            throw ControlPlaneException.forbidden("A ws-token is minted with an API token.");
        }
        var token = Secrets.generate(PREFIX);
        var expires = clock.instant().plus(properties.wsTokenTtl());
        jdbc.sql("insert into ws_token (token_hash, session_id, user_id, api_token_id, expires_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(Secrets.hash(token), sessionId, user.id(), user.tokenId(), Timestamp.from(expires))
                .update();
        return new Minted(token, expires);
    }

    /**
     * The user a token was minted for, with the API token that minted it, if it is valid for this
     * session now and that API token still lets the user in.
     */
    @Transactional(readOnly = true)
    Optional<CurrentUser> verify(String token, UUID sessionId) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("select api_token_id from ws_token where token_hash = ? and session_id = ? and expires_at > ?")
                .params(Secrets.hash(token), sessionId, Timestamp.from(clock.instant()))
                .query(UUID.class)
                .optional()
                .flatMap(apiTokens::holderOf);
    }

    @Scheduled(fixedDelay = 60_000)
    @Transactional
    void purgeExpired() {
        jdbc.sql("delete from ws_token where expires_at < ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }
}
