package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.FakeRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub App against the fake GitHub: installation tokens, reachable repositories, owner/name
 * sessions, sessions on an existing pull request's branch.
 */
class GitHubAppTest {

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static FakeRepo gadgets;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(dir);
        github.createRepo("acme", "widgets", true);
        gadgets = github.createRepo("acme", "gadgets", true);
        github.createRepo("acme", "secret", false);
        controlPlane = RunningControlPlane.start(github.appSettings(
                dir.resolve("app.pem"), Map.of("codinspect.github.installation-id", github.installationId())));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        github.close();
    }

    @Test
    void listsTheRepositoriesTheAppReachesAndTheirBranches() {
        var repos = alice.get("/api/repos");
        assertThat(repos.status()).isEqualTo(200);
        assertThat(repos.json().findValuesAsString("fullName")).containsExactly("acme/gadgets", "acme/widgets");
        var branches = alice.get("/api/repos/acme/widgets/branches");
        assertThat(branches.json().findValuesAsString("name")).containsExactly("main");
        assertThat(branches.json().get(0).get("sha").asString()).hasSize(40);
    }

    @Test
    void sessionsOnOwnerNameCloneFromGitHubAndUnreachableRepositoriesAreRefusedClearly() {
        var created = alice.post("/api/sessions", Map.of("repository", "acme/widgets"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("repository")).isEqualTo(github.webUrl() + "/acme/widgets.git");

        for (var unreachable : new String[] {"acme/secret", "acme/nothing"}) {
            var refused = alice.post("/api/sessions", Map.of("repository", unreachable));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.text("detail")).contains("The GitHub App cannot reach " + unreachable);
        }
    }

    @Test
    void aTokenInsideTheRefreshMarginIsReplacedOnceForAllConcurrentCallers() throws Exception {
        var tokens = controlPlane.bean(InstallationTokens.class);
        github.tokenLifetime(Duration.ofMinutes(4)); // less than the 5 min margin: never good enough to keep
        var expiring = tokens.refreshNow();
        github.tokenLifetime(Duration.ofHours(1));
        var before = github.tokenRequests();

        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<InstallationTokens.Token>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.token();
                }));
            }
            start.countDown();
        }
        var values = new HashSet<String>();
        for (var result : results) {
            values.add(result.get().value());
        }
        assertThat(github.tokenRequests() - before).isEqualTo(1);
        assertThat(values).hasSize(1).doesNotContain(expiring.value());
        assertThat(tokens.token().value()).isIn(values);
        assertThat(github.tokenRequests() - before).as("a fresh token is kept").isEqualTo(1);
        assertThat(tokens.token().toString()).doesNotContain(tokens.token().value());
    }

    @Test
    void aSessionOnAnOpenPullRequestWorksOnItsBranchFromItsBaseAndOwnsItFromTheStart() {
        branch("feature/login", "main");
        var pull = github.openPullRequest("acme/gadgets", "feature/login", "main", "octocat", "Log in");

        var created = alice.post("/api/sessions", Map.of("repository", "acme/gadgets", "pullRequest", pull.number()));

        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.text("branch")).isEqualTo("feature/login");
        assertThat(created.text("baseBranch")).isEqualTo("main");
        var id = created.text("id");
        var owned = alice.get("/api/sessions/" + id + "/pull-request");
        assertThat(owned.status()).isEqualTo(200);
        assertThat(owned.json().path("number").asInt()).isEqualTo(pull.number());
        assertThat(owned.text("state")).isEqualTo("open");
        assertThat(owned.text("openedBy")).isEqualTo("octocat");

        var second = alice.post("/api/sessions", Map.of("repository", "acme/gadgets", "pullRequest", pull.number()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains("Session " + id + " already works on the branch feature/login");
        assertThat(alice.get("/api/sessions?size=100").json().path("items").findValuesAsString("branch"))
                .as("the refused session is not half made")
                .containsOnlyOnce("feature/login");
    }

    @Test
    void closedUnknownAndForkPullRequestsAndContradictoryRequestsAreRefusedWithTheirReason() {
        branch("feature/old", "main");
        var closed = github.openPullRequest("acme/gadgets", "feature/old", "main", "octocat", "Old");
        github.closePullRequest(closed.number());
        var fork = github.openForkPullRequest("acme/gadgets", "mallory/gadgets", "patch-1", "main", "mallory");
        branch("release", "main");
        var fromMain = github.openPullRequest("acme/gadgets", "main", "release", "octocat", "Release");

        assertProblem(Map.of("repository", "acme/gadgets", "pullRequest", closed.number()), 409, "is closed");
        assertProblem(
                Map.of("repository", "acme/gadgets", "pullRequest", fork.number()), 409, "the fork mallory/gadgets");
        assertProblem(Map.of("repository", "acme/gadgets", "pullRequest", 999), 404, "no pull request #999");
        assertProblem(
                Map.of("repository", "acme/gadgets", "pullRequest", fromMain.number()), 409, "default branch main");
        assertProblem(
                Map.of("repository", "acme/gadgets", "pullRequest", closed.number(), "baseBranch", "main"),
                400,
                "leave baseBranch out");
        assertProblem(Map.of("pullRequest", closed.number()), 400, "needs its repository");
        assertProblem(Map.of("repository", "acme/gadgets", "pullRequest", 0), 400, "pullRequest");
    }

    private static void assertProblem(Map<String, Object> request, int status, String detail) {
        var refused = alice.post("/api/sessions", request);
        assertThat(refused.status()).as("%s → %s", request, refused.body()).isEqualTo(status);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body()).contains(detail);
    }

    /** Creates {@code name} from {@code from} in the fake's copy of acme/gadgets, as a person's push would. */
    private static void branch(String name, String from) {
        try {
            var git = new ProcessBuilder("git", "branch", name, from)
                    .directory(gadgets.bare().toFile())
                    .inheritIO()
                    .start();
            assertThat(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0)
                    .isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
