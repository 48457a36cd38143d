package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.IssuedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A sandbox's git credential against the fake GitHub, which enforces what GitHub does: narrowed to
 * the session's repository with {@code contents: write}, made once per sandbox, refused for other
 * hosts and repositories, and revoked when the sandbox ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxCredentialsTest {

    private static final String USER = "x-access-token";

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static GitRepo local;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(dir.resolve("github"));
        github.createRepo("acme", "widgets", true);
        github.createRepo("acme", "gadgets", true);
        controlPlane = RunningControlPlane.start(github.appSettings(
                dir.resolve("app.pem"),
                Map.of(
                        "codinspect.github.installation-id",
                        github.installationId(),
                        "codinspect.sandbox.max-active",
                        20)));
        alice = controlPlane.newUser("Alice", "alice");
        local = GitRepo.create(dir.resolve("local")).commit("Work", "WORK.md", "work\n");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        github.close();
    }

    @Test
    void theCredentialReachesOnlyTheSessionsRepositoryAndMayOnlyWriteItsContents(CapturedOutput output)
            throws Exception {
        var sandbox = sandboxOn("acme/widgets");

        var credential = credential(sandbox, "acme/widgets.git");

        assertThat(credential.status()).as(credential.body()).isEqualTo(200);
        var token = credential.text("password");
        assertThat(credential.text("username")).isEqualTo(USER);
        assertThat(creationOf(token).repositories()).containsExactly("widgets");
        assertThat(creationOf(token).permissions()).isEqualTo(Map.of("contents", "write"));
        assertThat(local.canRead(repo("widgets"), USER, token)).isTrue();
        assertThat(local.pushTo(repo("widgets"), USER, token, "main:refs/heads/from-sandbox"))
                .isTrue();
        assertThat(local.canRead(repo("gadgets"), USER, token)).isFalse();
        assertThat(local.pushTo(repo("gadgets"), USER, token, "main:refs/heads/from-sandbox"))
                .as("another repository of the same installation")
                .isFalse();
        assertThat(alice.get("/api/repos").json().findValuesAsString("fullName"))
                .as("the control plane's own calls keep the broad token")
                .containsExactly("acme/gadgets", "acme/widgets");
        assertThat(output.getAll())
                .contains("Gave sandbox=" + sandbox.sandboxId())
                .doesNotContain(token);
    }

    @Test
    void oneSandboxAskingAgainOrManyTimesAtOnceGetsTheSameTokenFromOneCreation() throws Exception {
        var sandbox = sandboxOn("acme/widgets");
        var before = github.tokenRequests();

        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<ApiClient.Response>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return credential(sandbox, "");
                }));
            }
            start.countDown();
        }
        var tokens = new HashSet<String>();
        for (var answer : answers) {
            assertThat(answer.get().status()).isEqualTo(200);
            tokens.add(answer.get().text("password"));
        }

        assertThat(tokens).hasSize(1);
        assertThat(credential(sandbox, "acme/widgets").text("password")).isIn(tokens);
        assertThat(github.tokenRequests() - before).isEqualTo(1);
        var other = sandboxOn("acme/widgets");
        assertThat(credential(other, "").text("password"))
                .as("another sandbox gets its own")
                .isNotIn(tokens);
    }

    @Test
    void otherHostsAndOtherRepositoriesGetNoCredential() throws Exception {
        var sandbox = sandboxOn("acme/widgets");
        var before = github.tokenRequests();

        var otherHost = credential(sandbox, "https", "evil.example.com", "acme/widgets.git");
        var otherProtocol = credential(sandbox, "ftp", hostOf(github.webUrl()), "acme/widgets.git");
        var otherRepository = credential(sandbox, "acme/gadgets.git");
        var notASandbox =
                alice.post("/sandbox-api/git-credential", Map.of("protocol", "http", "host", hostOf(github.webUrl())));

        assertThat(otherHost.status()).isEqualTo(404);
        assertThat(otherProtocol.status()).isEqualTo(404);
        assertThat(otherRepository.status()).isEqualTo(403);
        assertThat(otherRepository.text("detail")).contains("its session's repository only");
        assertThat(notASandbox.status()).isEqualTo(401);
        assertThat(github.tokenRequests()).isEqualTo(before);
    }

    @Test
    void endingTheSandboxRevokesItsCredentialSoGitHubRefusesItFromThenOn() throws Exception {
        var session = sessionOn("acme/widgets");
        var sandbox = sandboxOf(session);
        var token = credential(sandbox, "").text("password");
        assertThat(local.canRead(repo("widgets"), USER, token)).isTrue();

        var archived = alice.post("/api/sessions/" + session + "/archive", null);

        assertThat(archived.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> github.revokedTokens().contains(token));
        assertThat(local.canRead(repo("widgets"), USER, token)).isFalse();
        assertThat(credential(sandbox, "").status()).isEqualTo(401);
    }

    @Test
    void aFailedRevocationIsRetriedWithoutHoldingUpTheSandboxsEnd() throws Exception {
        var session = sessionOn("acme/widgets");
        var token = credential(sandboxOf(session), "").text("password");
        github.failRevocations(2);

        var archived = alice.post("/api/sessions/" + session + "/archive", null);

        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.text("status")).isEqualTo("archived");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> github.revokedTokens().contains(token));
        assertThat(local.canRead(repo("widgets"), USER, token)).isFalse();
    }

    /** A session whose sandbox is live and idle (its first prompt done), so it can be archived. */
    private static UUID sessionOn(String repository) throws InterruptedException {
        var created = alice.post("/api/sessions", Map.of("repository", repository));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var session = UUID.fromString(created.text("id"));
        alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "work"));
        await().until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        var sandbox = controlPlane.sandboxes().of(session).getFirst();
        var prompt = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        sandbox.emit(new PromptCompleted(prompt.promptId()));
        sandbox.turnEnded();
        await().until(() -> alice.get("/api/sessions/" + session).text("status").equals("idle"));
        return session;
    }

    private static SandboxSpec sandboxOn(String repository) throws InterruptedException {
        return sandboxOf(sessionOn(repository));
    }

    private static SandboxSpec sandboxOf(UUID session) {
        return controlPlane.sandboxes().specsOf(session).getLast();
    }

    private static ApiClient.Response credential(SandboxSpec sandbox, String path) {
        return credential(sandbox, "http", hostOf(github.webUrl()), path);
    }

    private static ApiClient.Response credential(SandboxSpec sandbox, String protocol, String host, String path) {
        return alice.as(sandbox.bridgeToken())
                .post("/sandbox-api/git-credential", Map.of("protocol", protocol, "host", host, "path", path));
    }

    private static IssuedToken creationOf(String token) {
        List<IssuedToken> matching = github.tokenCreations().stream()
                .filter(t -> t.value().equals(token))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static String repo(String name) {
        return github.webUrl() + "/acme/" + name + ".git";
    }

    private static String hostOf(String url) {
        return url.substring(url.indexOf("://") + 3);
    }
}
