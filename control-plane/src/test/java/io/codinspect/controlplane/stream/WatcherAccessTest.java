package io.codinspect.controlplane.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.model.stream.ClientMessage;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.model.stream.ServerMessage;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.WatcherClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Watcher sockets end with the access that opened them: a revoked API token closes the sockets it
 * opened, a disabled user's sockets close, an expired token's sockets close at the next check.
 */
class WatcherAccessTest {

    /** Longer than any test here: only the events close sockets, unless a test runs the check itself. */
    private static final String NO_PERIODIC_CHECK = "1h";

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private static RunningControlPlane controlPlane;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of("codinspect.stream.access-check-interval", NO_PERIODIC_CHECK));
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void revokingATokenClosesTheSocketsItOpenedWhileASocketOfAnotherTokenStaysOpen() {
        var kim = controlPlane.newUser("Kim", "kim");
        var laptop = secondToken(kim, null);
        var session = newSession(kim);
        try (var viaKim = watching(kim, session);
                var viaLaptop = watching(laptop.client(), session)) {

            revoke(kim, laptop);

            await().atMost(AT_ONCE).until(() -> viaLaptop.closeCode() != null);
            assertThat(viaLaptop.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
            assertStillServed(viaKim);
        }
    }

    @Test
    void disablingAUserClosesTheirSocketsAtOnceAndOnlyTheirs() {
        var lee = controlPlane.newUser("Lee", "lee");
        var mo = controlPlane.newUser("Mo", "mo");
        var leeId = idOf(lee);
        var session = newSession(lee);
        try (var leeTab1 = watching(lee, session);
                var leeTab2 = watching(secondToken(lee, null).client(), session);
                var moTab = watching(mo, session)) {

            controlPlane.admin().post("/api/users/" + leeId + "/disable", null);

            await().atMost(AT_ONCE).until(() -> leeTab1.closeCode() != null && leeTab2.closeCode() != null);
            assertThat(leeTab1.closeCode()).isEqualTo(CloseCodes.USER_DISABLED);
            assertThat(leeTab2.closeCode()).isEqualTo(CloseCodes.USER_DISABLED);
            assertStillServed(moTab);
            assertThat(lee.post("/api/sessions/" + session + "/ws-token", null).status())
                    .isEqualTo(401);

            controlPlane.admin().post("/api/users/" + leeId + "/enable", null);

            try (var again = watching(lee, session)) {
                assertStillServed(again);
            }
        }
    }

    @Test
    void aWsTokenMintedBeforeItsApiTokenWasRevokedOpensNothing() {
        var ned = controlPlane.newUser("Ned", "ned");
        var script = secondToken(ned, null);
        var session = newSession(ned);
        var wsToken = script.client()
                .post("/api/sessions/" + session + "/ws-token", null)
                .text("token");

        revoke(ned, script);

        try (var watcher = WatcherClient.connect(controlPlane.wsUri(session), wsToken, 0)) {
            await().atMost(AT_ONCE).until(() -> watcher.closeCode() != null);
            assertThat(watcher.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
        }
    }

    @Test
    void theAccessCheckClosesTheSocketsOfATokenThatExpired() {
        var ola = controlPlane.newUser("Ola", "ola");
        var shortLived = secondToken(ola, Instant.now().plusSeconds(2));
        var session = newSession(ola);
        try (var lasting = watching(ola, session);
                var expiring = watching(shortLived.client(), session)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> shortLived.client().get("/api/me").status() == 401);
            assertThat(expiring.isOpen()).as("nothing announces an expiry").isTrue();

            controlPlane.bean(WatcherAccess.class).check();

            await().atMost(AT_ONCE).until(() -> expiring.closeCode() != null);
            assertThat(expiring.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
            assertStillServed(lasting);
        }
    }

    @Test
    void theAccessCheckClosesTheSocketsOfATokenRevokedWithoutAnEvent() {
        var pat = controlPlane.newUser("Pat", "pat");
        var other = secondToken(pat, null);
        var session = newSession(pat);
        try (var kept = watching(pat, session);
                var revokedElsewhere = watching(other.client(), session)) {
            // as another replica would: the row changes, no event reaches this one
            new JdbcTemplate(controlPlane.bean(DataSource.class))
                    .update("update api_token set revoked_at = now() where id = ?::uuid", other.id());

            controlPlane.bean(WatcherAccess.class).check();

            await().atMost(AT_ONCE).until(() -> revokedElsewhere.closeCode() != null);
            assertThat(revokedElsewhere.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
            assertStillServed(kept);
        }
    }

    private static WatcherClient watching(ApiClient client, UUID session) {
        var watcher = controlPlane.watch(client, session, 0);
        await().atMost(AT_ONCE).until(watcher::replayDone);
        return watcher;
    }

    /** The socket is open and answers: a ping gets its pong. */
    private static void assertStillServed(WatcherClient watcher) {
        var pongs = watcher.messages(ServerMessage.Pong.class).size();
        watcher.send(new ClientMessage.Ping());
        await().atMost(AT_ONCE)
                .until(() -> watcher.messages(ServerMessage.Pong.class).size() > pongs);
        assertThat(watcher.closeCode()).isNull();
    }

    /** An API token and a client acting with it. */
    private record Token(String id, ApiClient client) {}

    /** Another API token of the same user. */
    private static Token secondToken(ApiClient user, Instant expiresAt) {
        var body = expiresAt == null
                ? Map.of("name", "second")
                : Map.of("name", "second", "expiresAt", expiresAt.toString());
        var minted = user.post("/api/users/" + idOf(user) + "/tokens", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return new Token(minted.text("id"), user.as(minted.text("token")));
    }

    private static void revoke(ApiClient owner, Token token) {
        assertThat(owner.delete("/api/users/" + idOf(owner) + "/tokens/" + token.id())
                        .status())
                .isEqualTo(204);
    }

    private static String idOf(ApiClient user) {
        return user.get("/api/me").text("id");
    }

    private static UUID newSession(ApiClient client) {
        return UUID.fromString(client.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }
}
