package io.codinspect.client;

import static io.codinspect.client.ServerShapes.RESOLVED;
import static io.codinspect.client.ServerShapes.SESSION;
import static io.codinspect.client.ServerShapes.SESSION_ID;
import static io.codinspect.client.ServerShapes.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's exchanges: headers, created or found, not found, problems, timeouts, bounds. */
class CodInspectClientTest {

    static final String TOKEN = "cib_Q2xhdWRlIHdhcyBoZXJlIGFuZCB0aGlzIGlzIGZha2U";
    static final UUID SESSION_UUID = UUID.fromString(SESSION_ID);
    static final UUID USER = UUID.fromString(USER_ID);

    final FakeControlPlane server = start();
    final CodInspectClient client = CodInspectClient.builder(server.url())
            .token(TOKEN)
            .timeout(Duration.ofMillis(500))
            .build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheBearerTokenAndJsonButNoOnBehalfHeaderOnBotCalls() {
        server.json("POST /api/bot/identities/resolve", 200, RESOLVED);

        var resolved = client.onBehalfOf(USER)
                .resolveIdentity(IdentityClaim.slack("T1/U2", "ada@acme.com", "Ada Lovelace", null, false, false));

        assertThat(resolved.userId()).isEqualTo(USER);
        assertThat(resolved.created()).isTrue();
        var request = server.last();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header(Transport.ON_BEHALF_OF)).isNull();
        assertThat(request.body())
                .contains("\"externalId\":\"T1/U2\"", "\"emailVerified\":true", "\"guest\":false")
                .doesNotContain("avatarUrl", "null");
    }

    @Test
    void actsOnBehalfOfAPersonOnlyWhenAsked() {
        server.json("GET /api/sessions/" + SESSION_ID, 200, SESSION);

        client.onBehalfOf(USER).session(SESSION_UUID);
        var asPerson = server.last();
        client.session(SESSION_UUID);
        var asItself = server.last();

        assertThat(asPerson.header("X-CodInspect-On-Behalf-Of")).isEqualTo(USER_ID);
        assertThat(asPerson.header("Content-Type")).isNull();
        assertThat(asItself.header("X-CodInspect-On-Behalf-Of")).isNull();
    }

    @Test
    void tellsACreatedSessionFromOneThatHadTheKey() {
        var request = NewSession.forBot(null, "slack:T1/C2/1712345678.000100", new NewPrompt("Fix it"), null);

        server.json("POST /api/sessions", 201, SESSION);
        var created = client.startSession(request);
        server.json("POST /api/sessions", 200, SESSION);
        var found = client.startSession(request);

        assertThat(created.created()).isTrue();
        assertThat(found.created()).isFalse();
        assertThat(found.session().status()).isEqualTo(SessionStatus.awaiting_repository);
        assertThat(server.last().body()).isEqualTo("""
                {"externalKey":"slack:T1/C2/1712345678.000100","prompt":{"content":"Fix it","context":[]}}""");
    }

    @Test
    void answersEmptyWhenNoSessionHasTheKey() {
        var key = "slack:T1/C2/1712345678.000100";
        server.problem(
                "GET /api/sessions/lookup?externalKey=slack%3AT1%2FC2%2F1712345678.000100",
                404, "session not found", "No session has this external key.");

        assertThat(client.sessionByExternalKey(key)).isEmpty();

        server.json("GET /api/sessions/lookup?externalKey=slack%3AT1%2FC2%2F1712345678.000100", 200, SESSION);
        assertThat(client.sessionByExternalKey(key))
                .get()
                .extracting(Session::externalKey)
                .isEqualTo(key);
    }

    @Test
    void turnsAProblemDetailIntoCodInspectProblem() {
        server.problem("POST /api/bot/identities/resolve", 403, "Not admitted", "ada@acme.com is not on the list.");

        assertThatThrownBy(() ->
                        client.resolveIdentity(IdentityClaim.slack("T1/U2", "ada@acme.com", null, null, false, false)))
                .isInstanceOfSatisfying(CodInspectProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.title()).isEqualTo("Not admitted");
                    assertThat(p.detail()).isEqualTo("ada@acme.com is not on the list.");
                })
                .hasMessageContaining("POST /api/bot/identities/resolve")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void fallsBackToTheStatusWithoutAProblemDetail() {
        assertThatThrownBy(() -> client.me()).isInstanceOfSatisfying(CodInspectProblem.class, p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.title()).isEqualTo("Not Found");
            assertThat(p.detail()).isNull();
        });
    }

    @Test
    void treatsAProxysServerErrorAsUnreachableButTheServersOwnAsAProblem() {
        server.raw("GET /api/me", 502, "text/html", "<html><body>Bad Gateway</body></html>", false);
        assertThatThrownBy(() -> client.me())
                .isInstanceOfSatisfying(
                        CodInspectUnreachable.class, u -> assertThat(u.status()).hasValue(502));

        server.problem("GET /api/me", 500, "Internal error", "An unexpected error occurred; it has been logged.");
        assertThatThrownBy(() -> client.me())
                .isInstanceOfSatisfying(
                        CodInspectProblem.class, p -> assertThat(p.status()).isEqualTo(500));
    }

    @Test
    void givesUpOnAnAnswerThatDoesNotComeInTime() {
        server.hang("GET /api/me");

        assertThatThrownBy(() -> client.me())
                .isInstanceOf(CodInspectUnreachable.class)
                .hasMessageContaining("GET /api/me")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void reportsARefusedConnectionAsUnreachable() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var nobody = CodInspectClient.builder(URI.create("http://127.0.0.1:" + port))
                .token(TOKEN)
                .build();

        assertThatThrownBy(nobody::models)
                .isInstanceOfSatisfying(
                        CodInspectUnreachable.class, u -> assertThat(u.status()).isEmpty())
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void refusesAnAnswerLargerThanItsBound() {
        var small = CodInspectClient.builder(server.url())
                .token(TOKEN)
                .maxResponseBytes(1024)
                .build();
        server.raw("GET /api/models", 200, "application/json", "[" + "\"x\",".repeat(1000) + "\"x\"]", true);

        assertThatThrownBy(small::models)
                .isInstanceOf(CodInspectException.class)
                .isNotInstanceOf(CodInspectUnreachable.class)
                .hasMessageContaining("larger than the limit of 1024 bytes");
    }

    @Test
    void neverShowsTheToken() {
        assertThat(client.onBehalfOf(USER).toString()).doesNotContain(TOKEN).contains(USER_ID);
    }

    private static FakeControlPlane start() {
        try {
            return new FakeControlPlane();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
