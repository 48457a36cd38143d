package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.stream.CloseCodes;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.WatcherClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4: bad input gets its documented 4xx problem detail, never a 5xx, and changes nothing.
 */
class BadInputTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static ApiClient bob;
    private UUID sessionId;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start();
        alice = controlPlane.newUser("Alice", "alice");
        bob = controlPlane.newUser("Bob", "bob");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @BeforeEach
    void newSession() {
        sessionId = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    @Test
    void malformedJsonIsA400AndCreatesNothing() {
        var before = sessionCount();

        var response = alice.send("POST", "/api/sessions", "{\"repository\": ");

        assertProblem(response, 400, "Malformed JSON");
        assertThat(sessionCount()).isEqualTo(before);
    }

    @Test
    void fieldsOfTheWrongTypeAreA400NamingTheField() {
        var response =
                alice.send("POST", "/api/sessions", "{\"repository\":\"https://e.com/r.git\",\"title\":{\"a\":1}}");
        assertProblem(response, 400, "title");

        var prompt = alice.send("POST", "/api/sessions/" + sessionId + "/prompts", "{\"content\":[\"x\"]}");
        assertProblem(prompt, 400, "content");
        assertThat(prompts(sessionId)).isEmpty();
    }

    @Test
    void unknownFieldsAreA400() {
        var before = sessionCount();

        var response =
                alice.send("POST", "/api/sessions", "{\"repository\":\"https://e.com/r.git\",\"colour\":\"red\"}");

        assertProblem(response, 400, "colour");
        assertThat(sessionCount()).isEqualTo(before);
    }

    @Test
    void invalidValuesAreA400ListingEachField() {
        var response = alice.post(
                "/api/sessions", Map.of("repository", "not a repo", "reasoningEffort", "extreme", "model", "nomodel"));

        assertProblem(response, 400, "reasoningEffort");
        assertThat(response.text("detail")).contains("model");
        assertProblem(alice.post("/api/sessions", Map.of("repository", "relative/path")), 400, "git URL");
        assertProblem(
                alice.post("/api/sessions", Map.of("repository", "https://e.com/r.git", "baseBranch", "--orphan")),
                400,
                "baseBranch");
    }

    @Test
    void aLocalRepositoryIsRefusedWhenSandboxesDoNotRunOnThisMachine(@TempDir Path dir) {
        var repo = GitRepo.create(dir.resolve("repo")).dir().toString();
        var before = sessionCount();

        for (var value : new String[] {repo, "file://" + repo}) {
            assertProblem(alice.post("/api/sessions", Map.of("repository", value)), 400, "(rule local-sandboxes-only)");
        }
        assertThat(sessionCount()).isEqualTo(before);
    }

    @Test
    void missingOrWrongTokenIsA401() {
        assertProblem(controlPlane.anonymous().get("/api/sessions"), 401, "Bearer");
        assertProblem(alice.as("cit_wrong").get("/api/sessions"), 401, "unknown, revoked or expired");
        assertProblem(
                alice.as("cit_wrong").post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "x")),
                401,
                "unknown, revoked or expired");
        assertThat(prompts(sessionId)).isEmpty();
    }

    @Test
    void aWsTokenIsNotAnApiTokenAndOpensOnlyItsOwnSession() {
        var wsToken = bob.post("/api/sessions/" + sessionId + "/ws-token", null).text("token");
        assertProblem(alice.as(wsToken).get("/api/me"), 401, "unknown, revoked or expired");

        var other = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/o.git"))
                .text("id"));
        try (var watcher = WatcherClient.connect(controlPlane.wsUri(other), wsToken, 0)) {
            await().until(() -> watcher.closeCode() != null);
            assertThat(watcher.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
            assertThat(watcher.events()).isEmpty();
        }
        try (var watcher = WatcherClient.connect(controlPlane.wsUri(sessionId), "ciw_forged", 0)) {
            await().until(() -> watcher.closeCode() != null);
            assertThat(watcher.closeCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
        }
    }

    @Test
    void aSocketThatDoesNotSayHelloFirstIsClosed() {
        var wsToken =
                alice.post("/api/sessions/" + sessionId + "/ws-token", null).text("token");
        try (var watcher = WatcherClient.connect(controlPlane.wsUri(sessionId), wsToken, 0)) {
            await().until(watcher::replayDone);
        }
        var client = WatcherClientProbe.open(controlPlane.wsUri(sessionId), "{\"type\":\"stop\"}");
        await().until(() -> client.closeCode() != null);
        assertThat(client.closeCode()).isEqualTo(CloseCodes.BAD_HELLO);
    }

    @Test
    void aFirstMessageTooLargeToBeAHelloClosesTheSocketWith1009() {
        var hello = "{\"type\":\"hello\",\"token\":\"ciw_" + "x".repeat(9 * 1024) + "\",\"lastSeq\":0}";

        var client = WatcherClientProbe.open(controlPlane.wsUri(sessionId), hello);

        await().until(() -> client.closeCode() != null);
        assertThat(client.closeCode()).isEqualTo(CloseCodes.TOO_BIG);
    }

    @Test
    void silentSocketsAreClosedAtTheHelloTimeoutAndLeaveTheirPlaces() throws Exception {
        var http = java.net.http.HttpClient.newBuilder() // an address of its own: no other test's sockets count
                .localAddress(java.net.InetAddress.getByName("127.0.0.9"))
                .build();
        var silent = new java.util.ArrayList<WatcherClient>();
        for (int i = 0; i < 16; i++) { // as many as one address may have waiting
            silent.add(WatcherClient.open(controlPlane.wsUri(sessionId), http));
        }

        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> silent.stream().allMatch(c -> c.closeCode() != null));
        assertThat(silent).allMatch(c -> c.closeCode() == CloseCodes.BAD_HELLO);
        var after = new java.util.ArrayList<WatcherClient>();
        for (int i = 0; i < 16; i++) {
            after.add(WatcherClient.open(controlPlane.wsUri(sessionId), http));
        }
        for (var client : after) {
            client.hello(
                    alice.post("/api/sessions/" + sessionId + "/ws-token", null).text("token"), 0);
        }
        await().until(() -> after.stream().allMatch(WatcherClient::replayDone));
        after.forEach(WatcherClient::close);
    }

    @Test
    void anOversizedPromptIsA413AndNotQueued() {
        var response = alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "x".repeat(64_001)));

        assertProblem(response, 413, "at most 64000 characters");
        assertThat(prompts(sessionId)).isEmpty();
        assertThat(lastSeq(sessionId)).isZero();
    }

    @Test
    void aRequestBodyOverOneMebibyteIsA413BeforeItIsRead() {
        var body = "{\"content\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}";

        var response = alice.send("POST", "/api/sessions/" + sessionId + "/prompts", body);

        assertProblem(response, 413, "at most 1048576 bytes");
        assertThat(prompts(sessionId)).isEmpty();
    }

    @Test
    void theEleventhUnfinishedPromptIsA429() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "p" + i))
                            .status())
                    .isEqualTo(202);
        }
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        controlPlane.sandboxes().of(sessionId).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        var seq = lastSeq(sessionId);

        var response = bob.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "one too many"));

        assertProblem(response, 429, "10 unfinished prompts");
        assertThat(prompts(sessionId)).hasSize(10);
        assertThat(lastSeq(sessionId)).isEqualTo(seq);
    }

    @Test
    void unknownSessionsPromptsAndRoutesAre404() {
        var unknown = UUID.randomUUID();
        assertProblem(alice.get("/api/sessions/" + unknown), 404, unknown.toString());
        assertProblem(
                alice.post("/api/sessions/" + unknown + "/prompts", Map.of("content", "x")), 404, unknown.toString());
        assertProblem(alice.get("/api/sessions/" + sessionId + "/prompts/" + unknown), 404, unknown.toString());
        assertProblem(alice.get("/api/sessions/" + unknown + "/events"), 404, unknown.toString());
        assertProblem(alice.post("/api/sessions/" + unknown + "/ws-token", null), 404, unknown.toString());
        assertProblem(alice.get("/api/sessions/not-a-uuid"), 400, "id");
        assertThat(alice.get("/api/no-such-thing").status()).isEqualTo(404);
    }

    @Test
    void cancellingARunningPromptIsA409WhileCancellingAQueuedOneWorks() throws Exception {
        var first = alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "first"))
                .text("id");
        var second = alice.post("/api/sessions/" + sessionId + "/prompts", Map.of("content", "second"))
                .text("id");
        await().until(() -> !controlPlane.sandboxes().of(sessionId).isEmpty());
        controlPlane.sandboxes().of(sessionId).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        var seq = lastSeq(sessionId);

        var running = alice.post("/api/sessions/" + sessionId + "/prompts/" + first + "/cancel", null);

        assertProblem(running, 409, "use stop");
        assertThat(prompts(sessionId)).containsExactly("running", "queued");
        assertThat(lastSeq(sessionId)).isEqualTo(seq);

        var queued = alice.post("/api/sessions/" + sessionId + "/prompts/" + second + "/cancel", null);
        assertThat(queued.status()).isEqualTo(200);
        assertThat(prompts(sessionId)).containsExactly("running", "cancelled");
    }

    @Test
    void onlyAdminsCreateUsersAndUsersMintOnlyTheirOwnTokens() {
        assertProblem(alice.post("/api/users", Map.of("name", "Mallory")), 403, "admins");
        var bobId = bob.get("/api/me").text("id");
        assertProblem(alice.post("/api/users/" + bobId + "/tokens", Map.of("name", "steal")), 403, "own tokens");
        var aliceId = alice.get("/api/me").text("id");
        assertThat(alice.post("/api/users/" + aliceId + "/tokens", Map.of("name", "mine"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aRepeatedClientRequestIdReturnsTheSamePrompt() {
        var body = Map.of("content", "once", "clientRequestId", "abc-1");
        var first = alice.post("/api/sessions/" + sessionId + "/prompts", body);
        var again = alice.post("/api/sessions/" + sessionId + "/prompts", body);

        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(prompts(sessionId)).hasSize(1);
    }

    private static void assertProblem(ApiClient.Response response, int status, String detailContains) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("title").asString()).isNotBlank();
        assertThat(json.get("detail").asString()).contains(detailContains);
    }

    private long sessionCount() {
        return alice.get("/api/sessions?size=1").json().get("totalItems").asLong();
    }

    private List<String> prompts(UUID session) {
        return SessionFlowTest.statuses(alice, session);
    }

    private long lastSeq(UUID session) {
        return alice.get("/api/sessions/" + session).json().get("lastSeq").asLong();
    }
}
