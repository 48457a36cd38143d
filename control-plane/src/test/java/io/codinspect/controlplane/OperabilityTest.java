package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Health, metrics behind an admin's or the scrape token, API docs, the bootstrap token shown once,
 * and no secret in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperabilityTest {

    private static final Pattern SECRET = Pattern.compile("(cit|cis|ciw|cim)_[A-Za-z0-9_-]{20,}");
    private static final String SCRAPE_TOKEN = "cim_test-scrape-token-0123456789abcdefghij";

    @Test
    void firstStartPrintsAGeneratedTokenOnceAndNoSecretEverReachesTheOutput(CapturedOutput output) throws Exception {
        var database = TestPostgres.newDatabase();
        Map<String, Object> props = Map.of(
                "spring.datasource.url",
                database,
                "spring.datasource.username",
                "postgres",
                "codinspect.bootstrap.token",
                "",
                "codinspect.management.scrape-token",
                SCRAPE_TOKEN);
        String token;
        try (var first = RunningControlPlane.start(props, new SimulatedSandboxes())) {
            var printed = SECRET.matcher(output.getOut());
            assertThat(printed.find()).as("the generated token is printed").isTrue();
            token = printed.group();
            var admin = new ApiClient(first.admin().base(), token);
            assertThat(admin.get("/api/me").text("role")).isEqualTo("admin");
            assertThat(admin.as(SCRAPE_TOKEN).get("/actuator/prometheus").status())
                    .isEqualTo(200);

            // work that mints and uses every kind of secret: API, ws and sandbox tokens
            var alice = RunningControlPlane.newUser(admin, "Alice", "alice");
            var session = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://e.com/r.git"))
                    .text("id"));
            alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "hi"));
            try (var watcher = first.watch(alice, session, 0)) {
                await().until(() -> !first.sandboxes().of(session).isEmpty());
                first.sandboxes().of(session).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
                await().until(watcher::replayDone);
            }
        }
        try (var second = RunningControlPlane.start(props, new SimulatedSandboxes())) {
            assertThat(new ApiClient(second.admin().base(), token)
                            .get("/api/me")
                            .status())
                    .isEqualTo(200);
        }
        var all = output.getAll();
        var secrets = SECRET.matcher(all).results().map(m -> m.group()).toList();
        assertThat(secrets)
                .as("only the one bootstrap print, on the first start")
                .containsExactly(token);
        assertThat(all).doesNotContain("Using generated security password");
    }

    @Test
    void anUnknownSandboxProviderStopsStartUpSayingWhichAreAvailable() {
        assertThatThrownBy(() -> RunningControlPlane.start(Map.of("codinspect.sandbox.provider", "nomad")))
                .rootCause()
                .hasMessageContaining("codinspect.sandbox.provider is 'nomad'")
                .hasMessageContaining("simulated")
                .hasMessageContaining("local");
    }

    @Test
    void aShortScrapeTokenStopsStartUpSayingWhatItNeedsWithoutEchoingIt(CapturedOutput output) {
        assertThatThrownBy(
                        () -> RunningControlPlane.start(Map.of("codinspect.management.scrape-token", "cim_short-0ne")))
                .rootCause()
                .hasMessageContaining("codinspect.management.scrape-token must be at least 24 characters")
                .hasMessageNotContaining("cim_short-0ne");
        assertThat(output.getAll()).doesNotContain("cim_short-0ne");
    }

    @Test
    void theHealthProbesArePublicAndEveryOtherActuatorEndpointNeedsAnAdminOrTheScrapeToken() {
        try (var controlPlane = RunningControlPlane.start(Map.of("codinspect.management.scrape-token", SCRAPE_TOKEN))) {
            var anonymous = controlPlane.anonymous();
            for (var probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                var health = anonymous.get(probe);
                assertThat(health.status()).as(probe).isEqualTo(200);
                assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
            }

            var wrong = anonymous.as("cim_not-the-scrape-token-0123456789abcdef");
            for (var endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator")) {
                for (var caller : List.of(anonymous, wrong)) {
                    var refused = caller.get(endpoint);
                    assertThat(refused.status()).as(endpoint).isEqualTo(401);
                    assertThat(refused.contentType()).as(endpoint).startsWith("application/problem+json");
                    assertThat(refused.text("detail")).contains("Authorization: Bearer");
                    assertThat(refused.body()).doesNotContain("jvm_memory_used_bytes");
                }
            }

            var admin = controlPlane.admin();
            assertThat(admin.get("/actuator/prometheus").body())
                    .contains("codinspect_events_ingested_total")
                    .contains("jvm_memory_used_bytes");
            assertThat(admin.get("/actuator/metrics").json().get("names").toString())
                    .contains("codinspect.events.ingested");

            var scraper = admin.as(SCRAPE_TOKEN);
            var scraped = scraper.get("/actuator/prometheus");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("codinspect_events_ingested_total");
            assertThat(scraper.get("/actuator/metrics").status())
                    .as("the scrape token reads the Prometheus metrics and nothing else")
                    .isEqualTo(403);
            assertThat(scraper.get("/api/me").status())
                    .as("the scrape token is no API token")
                    .isEqualTo(401);

            var user = controlPlane.newUser("Erin", "erin");
            for (var endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator")) {
                var forbidden = user.get(endpoint);
                assertThat(forbidden.status()).as(endpoint).isEqualTo(403);
                assertThat(forbidden.contentType()).as(endpoint).startsWith("application/problem+json");
                assertThat(forbidden.text("detail")).contains("Only admins");
            }
            assertThat(user.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }

    @Test
    void apiDocsAndProblemDetailsAreServed() {
        try (var controlPlane = RunningControlPlane.start()) {
            var anonymous = controlPlane.anonymous();
            var docs = anonymous.get("/v3/api-docs").json();
            assertThat(docs.get("paths").has("/api/sessions/{sessionId}/prompts"))
                    .isTrue();
            assertThat(docs.get("paths").has("/api/sessions/{id}/events")).isTrue();
            assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);

            var missing = controlPlane.admin().get("/api/no-such-thing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
        }
    }
}
