package io.codinspect.controlplane.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub App against the fake GitHub: installation tokens, reachable repositories, owner/name sessions. */
class GitHubAppTest {

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(dir);
        github.createRepo("acme", "widgets", true);
        github.createRepo("acme", "gadgets", true);
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
}
