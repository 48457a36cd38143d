package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
