package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub webhooks: signatures, redeliveries, stale deliveries, and the PR state they keep current. */
class GitHubWebhookTest {

    private static final String SECRET = "webhook-secret-for-tests";

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws Exception {
        github = FakeGitHub.start(dir);
        github.createRepo("acme", "widgets", true);
        controlPlane = RunningControlPlane.start(
                github.appSettings(dir.resolve("app.pem"), Map.of("codinspect.github.webhook-secret", SECRET)));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        github.close();
    }

    @Test
    void onlySignedFreshFirstDeliveriesChangeThePullRequestAndMergedIsRecorded() throws Exception {
        var session = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "acme/widgets"))
                .text("id"));
        var pr = alice.post("/api/sessions/" + session + "/pull-request", Map.of("title", "Widgets"));
        assertThat(pr.status()).as(pr.body()).isEqualTo(200);
        var number = pr.json().get("number").asInt();
        var eventsBefore = events(session);

        var merged = payload(number, "closed", true, Instant.now().plusSeconds(5));
        assertThat(deliver("d-1", merged, "sha256=" + "0".repeat(64)).statusCode())
                .isEqualTo(401);
        assertThat(deliver("d-1", merged, null).statusCode()).isEqualTo(401);
        assertThat(state(session)).isEqualTo("open");
        assertThat(events(session)).isEqualTo(eventsBefore);

        var applied = deliver("d-1", merged, sign(merged));
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("applied");
        assertThat(state(session)).isEqualTo("merged");
        assertThat(events(session)).isEqualTo(eventsBefore + 1);

        var reopened = payload(number, "open", false, Instant.now().plusSeconds(10));
        var duplicate = deliver("d-1", reopened, sign(reopened));
        assertThat(duplicate.body()).contains("duplicate");
        var stale = payload(number, "open", false, Instant.now().minusSeconds(3600));
        assertThat(deliver("d-2", stale, sign(stale)).body()).contains("stale");
        assertThat(state(session)).isEqualTo("merged");
        assertThat(events(session)).isEqualTo(eventsBefore + 1);
    }

    @Test
    void aRefreshReadsTheStateFromGitHubWithoutWaitingForAWebhook() {
        var session = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "acme/widgets"))
                .text("id"));
        var number = alice.post("/api/sessions/" + session + "/pull-request", Map.of("title", "Refresh me"))
                .json()
                .get("number")
                .asInt();
        github.merge(number);
        assertThat(state(session)).isEqualTo("open");
        var refreshed = alice.post("/api/sessions/" + session + "/pull-request/refresh", null);
        assertThat(refreshed.text("state")).isEqualTo("merged");
        assertThat(state(session)).isEqualTo("merged");
    }

    @Test
    void deliveryIdsOlderThanTheRetentionArePurgedInBatchesAndRecentOnesKept() throws Exception {
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(controlPlane.bean(javax.sql.DataSource.class));
        var old = WebhookDeliveryPurge.BATCH * 2 + 500;
        jdbc.update(
                "insert into webhook_delivery (delivery_id, received_at)"
                        + " select 'old-' || n, now() - interval '15 days' from generate_series(1, ?) n",
                old);
        jdbc.update("insert into webhook_delivery (delivery_id, received_at)"
                + " values ('recent-13-days', now() - interval '13 days')");
        var body = payload(999, "open", false, Instant.now());
        assertThat(deliver("fresh-1", body, sign(body)).statusCode()).isEqualTo(200);

        var purged = controlPlane.bean(WebhookDeliveryPurge.class).purge();

        assertThat(purged).isEqualTo(old);
        assertThat(jdbc.queryForObject(
                        "select count(*) from webhook_delivery where delivery_id like 'old-%'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForList("select delivery_id from webhook_delivery", String.class))
                .contains("recent-13-days", "fresh-1");
        assertThat(deliver("fresh-1", body, sign(body)).body())
                .as("a kept delivery id still refuses a second delivery")
                .contains("duplicate");
        assertThat(deliver("old-1", body, sign(body)).body())
                .as("a purged delivery id is handled anew")
                .contains("ignored");
    }

    private static String payload(int number, String state, boolean merged, Instant updatedAt) {
        return """
                {"action":"%s","number":%d,"pull_request":{"number":%d,"state":"%s","merged":%s,"draft":false,\
                "updated_at":"%s"},"repository":{"full_name":"acme/widgets"}}""".formatted(merged ? "closed" : "reopened", number, number, state, merged, updatedAt);
    }

    private static HttpResponse<String> deliver(String id, String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.port() + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", id)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String sign(String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String state(UUID session) {
        return alice.get("/api/sessions/" + session + "/pull-request").text("state");
    }

    private static long events(UUID session) {
        return alice.get("/api/sessions/" + session).json().get("lastSeq").asLong();
    }
}
