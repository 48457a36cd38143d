package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.GitHubUser;
import io.codinspect.testkit.github.SignInBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign in with GitHub through the real OAuth redirects, admission by allowlist, and PRs as the user. */
class GitHubSignInTest {

    private static final GitHubUser DANA =
            new GitHubUser(501, "dana", "Dana Scully", null, "dana@fbi.test", List.of("acme"));
    private static final GitHubUser EVE =
            new GitHubUser(502, "eve", "Eve", "eve@evil.test", "eve@evil.test", List.of());

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static RunningControlPlane controlPlane;

    @BeforeAll
    static void start() throws Exception {
        github = FakeGitHub.start(dir);
        github.createRepo("acme", "widgets", true);
        github.oauthClient("Iv1.test-client", "test-client-secret");
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        controlPlane = RunningControlPlane.start(github.appSettings(
                dir.resolve("app.pem"),
                Map.of(
                        "codinspect.github.sign-in.client-id",
                        "Iv1.test-client",
                        "codinspect.github.sign-in.client-secret",
                        "test-client-secret",
                        "codinspect.github.sign-in.encryption-key",
                        Base64.getEncoder().encodeToString(key),
                        "codinspect.github.sign-in.allowed-orgs[0]",
                        "acme")));
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        github.close();
    }

    @Test
    void aMemberOfAnAllowedOrgSignsInAndGetsPullRequestsOpenedUnderTheirOwnName() throws Exception {
        github.signIn(DANA);
        var page = SignInBrowser.signIn(base());
        assertThat(page.status()).as(page.page()).isEqualTo(200);
        var dana = new ApiClient(base(), page.apiToken().orElseThrow());

        var me = dana.get("/api/me");
        assertThat(me.text("name")).isEqualTo("Dana Scully");
        assertThat(me.text("email")).isEqualTo("501+dana@users.noreply.github.com");
        assertThat(me.body()).doesNotContain("gho_");
        assertThat(dana.get("/api/repos").json().findValuesAsString("fullName")).contains("acme/widgets");

        var session =
                dana.post("/api/sessions", Map.of("repository", "acme/widgets")).text("id");
        var pr = dana.post("/api/sessions/" + session + "/pull-request", Map.of("title", "By Dana"));
        assertThat(pr.status()).as(pr.body()).isEqualTo(200);
        assertThat(pr.text("openedBy")).isEqualTo("dana");
        var pull = github.pullRequests().stream()
                .filter(p -> p.title().equals("By Dana"))
                .findFirst()
                .orElseThrow();
        assertThat(pull.author()).isEqualTo("dana");
        assertThat(pull.body()).doesNotContain("Opened by the CodInspect GitHub App");

        github.signIn(DANA);
        var again = SignInBrowser.signIn(base());
        assertThat(again.status()).isEqualTo(200);
        var second = new ApiClient(base(), again.apiToken().orElseThrow());
        assertThat(second.get("/api/me").text("id")).as("the same user again").isEqualTo(me.text("id"));
    }

    @Test
    void someoneOnNoAllowlistIsRefusedWithAClearPage() throws Exception {
        github.signIn(EVE);
        var page = SignInBrowser.signIn(base());
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.page())
                .contains("The GitHub account eve is not allowed to use this CodInspect")
                .doesNotContain("cit_");
    }

    @Test
    void tokensAreStoredEncryptedWithTheirRefreshTokenWhenGitHubIssuesOne() throws Exception {
        github.expiringUserTokens(true);
        try {
            github.signIn(new GitHubUser(503, "fox", "Fox Mulder", null, "fox@fbi.test", List.of("acme")));
            var page = SignInBrowser.signIn(base());
            assertThat(page.status()).as(page.page()).isEqualTo(200);
        } finally {
            github.expiringUserTokens(false);
        }
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(controlPlane.bean(javax.sql.DataSource.class));
        var row = jdbc.queryForMap(
                "select token, refresh_token, verified_email from github_identity where github_id = 503");
        var token = (byte[]) row.get("token");
        var refresh = (byte[]) row.get("refresh_token");
        var cipher = controlPlane.bean(io.codinspect.controlplane.system.TokenCipher.class);
        var issued = github.issuedRefreshTokens().entrySet().stream()
                .filter(e -> e.getValue().equals(cipher.decrypt(refresh)))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("stored " + cipher.decrypt(refresh).substring(0, 6) + "…, issued "
                                + github.issuedRefreshTokens().size()));
        assertThat(cipher.decrypt(token)).isEqualTo(issued.getKey());
        assertThat(new String(token, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(issued.getKey());
        assertThat(new String(refresh, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(issued.getValue());
        assertThat(row.get("verified_email")).isEqualTo("fox@fbi.test");
    }

    @Test
    void theBrowsersTokenExpiresAfterTheBrowserTokenTtl() throws Exception {
        github.signIn(new GitHubUser(504, "gus", "Gus", null, "gus@acme.test", List.of("acme")));
        var before = Instant.now();
        var page = SignInBrowser.signIn(base());
        var after = Instant.now();
        assertThat(page.status()).as(page.page()).isEqualTo(200);
        var gus = new ApiClient(base(), page.apiToken().orElseThrow());

        var tokens = gus.get("/api/users/" + gus.get("/api/me").text("id") + "/tokens")
                .json();

        assertThat(tokens.size()).isEqualTo(1);
        assertThat(Instant.parse(tokens.get(0).get("expiresAt").asString()))
                .isBetween(before.plus(Duration.ofDays(30)), after.plus(Duration.ofDays(30)));
    }

    @Test
    void aDisabledUserIsRefusedWithAClearPageAndTheirBrowserTokenStopsWorking() throws Exception {
        var hal = new GitHubUser(505, "hal", "Hal", null, "hal@acme.test", List.of("acme"));
        github.signIn(hal);
        var first = SignInBrowser.signIn(base());
        assertThat(first.status()).as(first.page()).isEqualTo(200);
        var browser = new ApiClient(base(), first.apiToken().orElseThrow());
        var id = browser.get("/api/me").text("id");

        assertThat(controlPlane
                        .admin()
                        .post("/api/users/" + id + "/disable", null)
                        .status())
                .isEqualTo(200);
        github.signIn(hal);
        var refused = SignInBrowser.signIn(base());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.page())
                .contains("account of the GitHub account hal is disabled")
                .doesNotContain("cit_");
        assertThat(browser.get("/api/me").status()).isEqualTo(401);
        assertThat(browser.get("/api/me").text("title")).isEqualTo("Account disabled");

        assertThat(controlPlane
                        .admin()
                        .post("/api/users/" + id + "/enable", null)
                        .status())
                .isEqualTo(200);
        github.signIn(hal);
        assertThat(SignInBrowser.signIn(base()).status()).as("enabled again").isEqualTo(200);
    }

    @Test
    void signInWithoutAnEncryptionKeyStopsStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningControlPlane.start(Map.of(
                        "codinspect.github.sign-in.client-id", "Iv1.test-client",
                        "codinspect.github.sign-in.client-secret", "test-client-secret")))
                .rootCause()
                .hasMessageContaining("codinspect.github.sign-in.encryption-key is required");
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + controlPlane.port() + "/");
    }
}
