package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Users and their API tokens through the REST API. */
class UserApiTest {

    private static RunningControlPlane controlPlane;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start();
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void tokensAreShownOnceListedWithoutTheSecretAndStopWorkingWhenRevoked() {
        var carol = controlPlane.newUser("Carol", "carol");
        var me = carol.get("/api/me");
        assertThat(me.text("login")).isEqualTo("carol");
        assertThat(me.text("role")).isEqualTo("user");
        var id = me.text("id");

        var minted = carol.post("/api/users/" + id + "/tokens", Map.of("name", "laptop"));
        assertThat(minted.status()).isEqualTo(201);
        var secret = minted.text("token");
        assertThat(secret).startsWith("cit_");
        assertThat(minted.json().get("expiresAt").isNull()).isTrue();
        var listed = carol.get("/api/users/" + id + "/tokens");
        assertThat(listed.body()).contains("laptop").doesNotContain(secret);
        assertThat(carol.as(secret).get("/api/me").status()).isEqualTo(200);

        assertThat(carol.delete("/api/users/" + id + "/tokens/" + minted.text("id"))
                        .status())
                .isEqualTo(204);

        assertThat(carol.as(secret).get("/api/me").status()).isEqualTo(401);
        assertThat(carol.get("/api/me").status())
                .as("other tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void aTokenWithAFutureExpiryWorksAndListsItsExpiry() {
        var erin = controlPlane.newUser("Erin", "erin");
        var id = erin.get("/api/me").text("id");
        var expiresAt = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        var minted =
                erin.post("/api/users/" + id + "/tokens", Map.of("name", "week", "expiresAt", expiresAt.toString()));

        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(Instant.parse(minted.text("expiresAt"))).isEqualTo(expiresAt);
        assertThat(erin.as(minted.text("token")).get("/api/me").text("login")).isEqualTo("erin");
        var week = tokenNamed(erin, id, "week");
        assertThat(Instant.parse(week.get("expiresAt").asString())).isEqualTo(expiresAt);
    }

    @Test
    void anExpiredTokenIsRefusedExactlyLikeARevokedOne() {
        var frank = controlPlane.newUser("Frank", "frank");
        var id = frank.get("/api/me").text("id");
        var soon = frank.post(
                "/api/users/" + id + "/tokens",
                Map.of("name", "soon", "expiresAt", Instant.now().plusSeconds(2).toString()));
        var revoked = frank.post("/api/users/" + id + "/tokens", Map.of("name", "revoked"));
        frank.delete("/api/users/" + id + "/tokens/" + revoked.text("id"));
        assertThat(frank.as(soon.text("token")).get("/api/me").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> frank.as(soon.text("token")).get("/api/me").status() == 401);

        var expired = frank.as(soon.text("token")).get("/api/me");
        var refusedRevoked = frank.as(revoked.text("token")).get("/api/me");
        assertThat(expired.contentType()).startsWith("application/problem+json");
        assertThat(expired.body()).isEqualTo(refusedRevoked.body());
        assertThat(expired.text("detail")).contains("unknown, revoked or expired");
    }

    @Test
    void anExpiryInThePastTooFarAheadOrUnreadableIsRefusedAndCreatesNothing() {
        var gina = controlPlane.newUser("Gina", "gina");
        var path = "/api/users/" + gina.get("/api/me").text("id") + "/tokens";
        var before = gina.get(path).json().size();

        var past = gina.post(
                path,
                Map.of(
                        "name",
                        "past",
                        "expiresAt",
                        Instant.now().minusSeconds(60).toString()));
        var farAhead = gina.post(
                path,
                Map.of(
                        "name",
                        "far",
                        "expiresAt",
                        Instant.now().plus(400, ChronoUnit.DAYS).toString()));
        var unreadable = gina.post(path, Map.of("name", "bad", "expiresAt", "next tuesday"));

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.text("detail")).contains("expiresAt must be in the future");
        assertThat(farAhead.status()).isEqualTo(400);
        assertThat(farAhead.text("detail")).contains("at most 366 days");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.text("detail")).contains("expiresAt");
        assertThat(gina.get(path).json().size()).isEqualTo(before);
    }

    @Test
    void theBootstrapTokenDoesNotExpire() {
        var admin = controlPlane.admin();
        var id = admin.get("/api/me").text("id");
        var bootstrap = tokenNamed(admin, id, "bootstrap");
        assertThat(bootstrap.get("expiresAt").isNull()).isTrue();
        assertThat(bootstrap.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void adminsListUsersAndOthersMayNot() {
        var dave = controlPlane.newUser("Dave", "dave");

        assertThat(controlPlane.admin().get("/api/users").json().findValuesAsString("login"))
                .contains("admin", "dave");
        assertThat(dave.get("/api/users").status()).isEqualTo(403);
        assertThat(controlPlane
                        .admin()
                        .post("/api/users", Map.of("name", "Dave 2", "login", "dave"))
                        .status())
                .as("logins are unique")
                .isEqualTo(409);
    }

    @Test
    void aDisabledUsersTokensStopWorkingAtOnceAndWorkAgainWhenEnabled() {
        var hank = controlPlane.newUser("Hank", "hank");
        var ivy = controlPlane.newUser("Ivy", "ivy");
        var id = hank.get("/api/me").text("id");
        var admin = controlPlane.admin();
        assertThat(ivy.post("/api/users/" + id + "/disable", null).status())
                .as("only admins disable")
                .isEqualTo(403);

        var disabled = admin.post("/api/users/" + id + "/disable", null);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.text("disabledAt")).isNotBlank();
        var refused = hank.get("/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("title")).isEqualTo("Account disabled");
        assertThat(refused.text("detail")).contains("disabled");
        assertThat(admin.post("/api/users/" + id + "/tokens", Map.of("name", "new"))
                        .status())
                .as("no new tokens for a disabled user")
                .isEqualTo(409);
        assertThat(ivy.get("/api/me").status()).as("others carry on").isEqualTo(200);

        var enabled = admin.post("/api/users/" + id + "/enable", null);

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("disabledAt").isNull()).isTrue();
        assertThat(hank.get("/api/me").text("login")).isEqualTo("hank");
    }

    @Test
    void anAdminCannotDisableThemselves() {
        var admin = controlPlane.admin();
        var id = admin.get("/api/me").text("id");

        var refused = admin.post("/api/users/" + id + "/disable", null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("cannot disable yourself");
        assertThat(admin.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnceCannotLeaveNoAdmin() throws Exception {
        var jdbc = new JdbcTemplate(controlPlane.bean(DataSource.class));
        var admin = controlPlane.admin();
        var adminId = admin.get("/api/me").text("id");
        var jane = controlPlane.newUser("Jane", "jane");
        var janeId = jane.get("/api/me").text("id");
        jdbc.update("update app_user set role = 'admin' where id = ?::uuid", janeId); // no API for roles yet

        Future<ApiClient.Response> janeDisablesAdmin;
        Future<ApiClient.Response> adminDisablesJane;
        try (var holder = controlPlane.bean(DataSource.class).getConnection();
                var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select id from app_user where id = ?::uuid for update")) {
                lock.setString(1, janeId);
                lock.executeQuery().close();
            }
            janeDisablesAdmin = requests.submit(() -> jane.post("/api/users/" + adminId + "/disable", null));
            adminDisablesJane = requests.submit(() -> admin.post("/api/users/" + janeId + "/disable", null));
            await("both disables wait for the admins' rows")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from pg_stat_activity where datname = current_database()"
                                            + " and wait_event_type = 'Lock'",
                                    Integer.class)
                            == 2);
            holder.rollback();
        }

        var statuses = Stream.of(janeDisablesAdmin.get(), adminDisablesJane.get())
                .map(ApiClient.Response::status)
                .toList();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        var refused = Stream.of(janeDisablesAdmin.get(), adminDisablesJane.get())
                .filter(r -> r.status() == 409)
                .findFirst()
                .orElseThrow();
        assertThat(refused.text("detail")).contains("last enabled admin");
        assertThat(jdbc.queryForObject(
                        "select count(*) from app_user where role = 'admin' and disabled_at is null", Integer.class))
                .isEqualTo(1);

        if (janeDisablesAdmin.get().status() == 200) { // leave the bootstrap admin to the other tests
            assertThat(jane.post("/api/users/" + adminId + "/enable", null).status())
                    .isEqualTo(200);
        }
        assertThat(admin.get("/api/me").status()).isEqualTo(200);
    }

    private static JsonNode tokenNamed(ApiClient client, String userId, String name) {
        for (var token : client.get("/api/users/" + userId + "/tokens").json()) {
            if (token.get("name").asString().equals(name)) {
                return token;
            }
        }
        throw new AssertionError("no token named " + name);
    }
}
