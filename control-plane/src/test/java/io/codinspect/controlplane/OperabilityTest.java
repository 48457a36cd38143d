package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.TestPostgres;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Health, metrics, API docs, the bootstrap token shown once, and no secret in the output. */
@ExtendWith(OutputCaptureExtension.class)
class OperabilityTest {

    private static final Pattern SECRET = Pattern.compile("(cit|cis|ciw)_[A-Za-z0-9_-]{20,}");

    @Test
    void firstStartPrintsAGeneratedTokenOnceAndNoSecretEverReachesTheOutput(CapturedOutput output) throws Exception {
        var database = TestPostgres.newDatabase();
        Map<String, Object> props = Map.of(
                "spring.datasource.url", database,
                "spring.datasource.username", "postgres",
                "codinspect.bootstrap.token", "");
        String token;
        try (var first = RunningControlPlane.start(props, new SimulatedSandboxes())) {
            var printed = SECRET.matcher(output.getOut());
            assertThat(printed.find()).as("the generated token is printed").isTrue();
            token = printed.group();
            var admin = new ApiClient(first.admin().base(), token);
            assertThat(admin.get("/api/me").text("role")).isEqualTo("admin");

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
    void healthProbesMetricsAndApiDocsAreServed() {
        try (var controlPlane = RunningControlPlane.start()) {
            var anonymous = controlPlane.anonymous();
            assertThat(anonymous.get("/actuator/health").body()).contains("\"status\":\"UP\"");
            assertThat(anonymous.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
            assertThat(anonymous.get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
            assertThat(anonymous.get("/actuator/prometheus").body())
                    .contains("codinspect_events_ingested_total")
                    .contains("jvm_memory_used_bytes");
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
