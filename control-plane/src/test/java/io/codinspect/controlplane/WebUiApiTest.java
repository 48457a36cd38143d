package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the web UI needs from the control plane: its pages, safe headers, sign-in options, search. */
class WebUiApiTest {

    private static RunningControlPlane controlPlane;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start();
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    private static HttpResponse<String> page(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheAppAtTheRootAndAtEveryRouteOfItsOwnWithAStrictContentSecurityPolicy() throws Exception {
        for (var path : new String[] {"/", "/sessions/" + UUID.randomUUID(), "/settings", "/usage", "/signin"}) {
            var response = page(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("<div id=\"root\"></div>");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self';"));
        }
        var script = page("/signin-complete.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("codinspect.token");
        assertThat(page("/sessions/not-a-session/extra").statusCode()).isEqualTo(404);
        assertThat(page("/assets/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void tellsTheSignInPageWithoutATokenThatGitHubSignInIsOff() {
        var options = controlPlane.anonymous().get("/api/sign-in-options");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.json().get("github").asBoolean()).isFalse();
        assertThat(controlPlane.anonymous().get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void searchesSessionsByTitleOrRepositoryIgnoringCaseAndTakingWildcardsLiterally() {
        var erin = controlPlane.newUser("Erin", "erin");
        var alpha = erin.post(
                "/api/sessions", Map.of("repository", "https://git.example.com/acme/Alpha.git", "title", "Fix login"));
        var beta = erin.post(
                "/api/sessions", Map.of("repository", "https://git.example.com/acme/beta.git", "title", "100% faster"));

        assertThat(ids(erin.get("/api/sessions?createdBy=me&q=ALPHA"))).containsExactly(alpha.text("id"));
        assertThat(ids(erin.get("/api/sessions?createdBy=me&q=login"))).containsExactly(alpha.text("id"));
        assertThat(ids(erin.get("/api/sessions?createdBy=me&q=100%25"))).containsExactly(beta.text("id"));
        assertThat(ids(erin.get("/api/sessions?createdBy=me&q=%25"))).containsExactly(beta.text("id"));
        assertThat(ids(erin.get("/api/sessions?createdBy=me&q=_"))).isEmpty();
        assertThat(ids(erin.get("/api/sessions?createdBy=me"))).hasSize(2);
    }

    @Test
    void aSessionsLastActivityMovesWithItsTimeline() {
        var frank = controlPlane.newUser("Frank", "frank");
        var session = frank.post("/api/sessions", Map.of("repository", "https://git.example.com/acme/gamma.git"));
        var created = Instant.parse(session.text("lastActivityAt"));
        assertThat(created).isEqualTo(Instant.parse(session.text("createdAt")));

        frank.post("/api/sessions/" + session.text("id") + "/prompts", Map.of("content", "hello"));

        var listed = frank.get("/api/sessions?createdBy=me").json().get("items").get(0);
        assertThat(Instant.parse(listed.get("lastActivityAt").asString())).isAfter(created);
        var fetched = frank.get("/api/sessions/" + session.text("id"));
        assertThat(Instant.parse(fetched.text("lastActivityAt"))).isAfter(created);
    }

    private static java.util.List<String> ids(io.codinspect.testkit.ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").findValuesAsString("id");
    }
}
