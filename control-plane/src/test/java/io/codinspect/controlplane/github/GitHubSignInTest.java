package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.GitHubUser;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.github.app-id", github.appId(),
                "codinspect.github.private-key-file", Files.writeString(dir.resolve("app.pem"), github.privateKeyPem()),
                "codinspect.github.api-url", github.apiUrl(),
                "codinspect.github.web-url", github.webUrl(),
                "codinspect.github.sign-in.client-id", "Iv1.test-client",
                "codinspect.github.sign-in.client-secret", "test-client-secret",
                "codinspect.github.sign-in.encryption-key", Base64.getEncoder().encodeToString(key),
                "codinspect.github.sign-in.allowed-orgs[0]", "acme"));
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        github.close();
    }

    @Test
    void aMemberOfAnAllowedOrgSignsInAndGetsPullRequestsOpenedUnderTheirOwnName() throws Exception {
        github.signIn(DANA);
        var page = signIn();
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var matcher = Pattern.compile("<pre id=\"token\">(cit_[^<]+)</pre>").matcher(page.body());
        assertThat(matcher.find()).isTrue();
        var dana = new ApiClient(URI.create("http://127.0.0.1:" + controlPlane.port() + "/"), matcher.group(1));

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
        var again = signIn();
        assertThat(again.statusCode()).isEqualTo(200);
        var second = new ApiClient(URI.create("http://127.0.0.1:" + controlPlane.port() + "/"), token(again.body()));
        assertThat(second.get("/api/me").text("id")).as("the same user again").isEqualTo(me.text("id"));
    }

    @Test
    void someoneOnNoAllowlistIsRefusedWithAClearPage() throws Exception {
        github.signIn(EVE);
        var page = signIn();
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body())
                .contains("The GitHub account eve is not allowed to use this CodInspect")
                .doesNotContain("cit_");
    }

    private static String token(String body) {
        var matcher = Pattern.compile("<pre id=\"token\">(cit_[^<]+)</pre>").matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** A browser: follows GitHub's and CodInspect's redirects, keeping cookies. */
    private static HttpResponse<String> signIn() throws Exception {
        try (var browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            return browser.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + controlPlane.port() + "/oauth2/authorization/github"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
