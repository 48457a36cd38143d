package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.GitHubUser;
import io.codinspect.testkit.github.SignInBrowser;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session on a GitHub repository: the sandbox clones and pushes over git's smart HTTP protocol
 * with short-lived installation tokens it gets through its credential helper, and no token ever
 * lands in an event, a log or an environment.
 */
class GitHubSandboxTest {

    private static final Duration TURN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static LocalSystem system;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws IOException {
        github = FakeGitHub.start(dir.resolve("github"));
        github.createRepo("acme", "widgets", true);
        system =
                LocalSystem.startWithGitHub(dir, github, Map.of("codinspect.github.pull-requests.label", "codinspect"));
        alice = system.newUser("Alice Liddell", "alice", "alice@example.com");
    }

    @AfterAll
    static void stop() {
        system.close();
        github.close();
    }

    @Test
    void theSandboxClonesAndPushesAGitHubRepositoryWithInstallationTokensThatNeverLeak() throws Exception {
        system.llm()
                .script(
                        "add-changelog",
                        Reply.tool("write", Map.of("filePath", "CHANGELOG.md", "content", "# Changes\n")),
                        Reply.text("Added a changelog."));
        try (var session = TestSession.open(system, alice, "acme/widgets")) {
            var prompt = session.prompt(alice, "Please add-changelog");
            session.awaitCompleted(prompt, TURN);

            var bare = dir.resolve("github/git/acme/widgets.git");
            assertThat(git(bare, "show", "--end-of-options", session.branch() + ":CHANGELOG.md"))
                    .isEqualTo("# Changes\n");
            assertThat(git(bare, "log", "-1", "--format=%an <%ae>", "--end-of-options", session.branch()))
                    .isEqualTo("Alice Liddell <alice@example.com>\n");
            assertThat(github.issuedTokens()).isNotEmpty();
            assertThat(github.tokenCreations())
                    .as("the sandbox's git credentials, narrowed to its repository")
                    .filteredOn(t -> !t.repositories().isEmpty())
                    .isNotEmpty()
                    .allSatisfy(t -> {
                        assertThat(t.repositories()).containsExactly("widgets");
                        assertThat(t.permissions()).isEqualTo(Map.of("contents", "write"));
                    });

            var places = new ArrayList<String>();
            places.add(session.watcher().events().toString());
            var sandbox = session.sandboxOf(prompt);
            var folder = dir.resolve("data/sandboxes").resolve(sandbox);
            places.add(Files.readString(folder.resolve("supervisor.log")));
            places.add(Files.readString(dir.resolve("data/control-plane.log")));
            places.add(Files.readString(folder.resolve("opencode.log")));
            places.add(Files.readString(folder.resolve("repo/.git/config")));
            places.add(SandboxProcesses.environment(SandboxProcesses.supervisor(dir.resolve("data"), sandbox)));
            places.add(SandboxProcesses.environment(SandboxProcesses.opencode(dir.resolve("data"), sandbox)));
            assertThat(places.get(2)).as("the control plane's log").contains("Gave sandbox=");
            for (var token : github.issuedTokens()) {
                assertThat(places).noneMatch(place -> place.contains(token));
            }
            assertThat(Files.readString(folder.resolve("repo/.git/config")))
                    .contains("credential")
                    .contains(github.webUrl() + "/acme/widgets.git");

            var checkpoint = "refs/codinspect/checkpoints/" + session.id();
            assertThat(git(bare, "for-each-ref", "--", checkpoint))
                    .as("the turn's write was checkpointed to GitHub")
                    .isNotBlank();
            assertThat(alice.post("/api/sessions/" + session.id() + "/archive", null)
                            .status())
                    .isLessThan(300);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> git(bare, "for-each-ref", "--", checkpoint).isBlank());
        }
    }

    @Test
    void aUserWithoutGitHubSignInGetsAPullRequestOpenedByTheAppAndAskingAgainUpdatesIt() {
        system.llm()
                .script(
                        "add-license",
                        Reply.tool("write", Map.of("filePath", "LICENSE", "content", "MIT\n")),
                        Reply.text("Added a license."));
        try (var session = TestSession.open(system, alice, "acme/widgets")) {
            session.awaitCompleted(session.prompt(alice, "Please add-license"), TURN);

            var opened =
                    alice.post("/api/sessions/" + session.id() + "/pull-request", Map.of("title", "Add a license"));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            var again = alice.post(
                    "/api/sessions/" + session.id() + "/pull-request", Map.of("title", "Add an MIT license"));
            assertThat(again.json().get("number").asInt())
                    .isEqualTo(opened.json().get("number").asInt());

            var pulls = github.pullRequests().stream()
                    .filter(p -> p.head().equals(session.branch()))
                    .toList();
            assertThat(pulls).hasSize(1);
            var pull = pulls.getFirst();
            assertThat(pull.author()).isEqualTo(FakeGitHub.APP_BOT);
            assertThat(pull.title()).isEqualTo("Add an MIT license");
            assertThat(pull.base()).isEqualTo("main");
            assertThat(pull.labels()).containsExactly("codinspect");
            assertThat(pull.body())
                    .contains("Opened by the CodInspect GitHub App for Alice Liddell")
                    .contains("/sessions/" + session.id());
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !session.events("pull_request").isEmpty());
            assertThat(session.events("pull_request").getLast().path("url").asString())
                    .isEqualTo(github.webUrl() + "/acme/widgets/pull/" + pull.number());
            assertThat(alice.get("/api/sessions/" + session.id() + "/pull-request")
                            .json()
                            .get("state")
                            .asString())
                    .isEqualTo("open");
        }
    }

    @Test
    void theAgentsCreatePullRequestToolPushesTheWorkSoFarAndOpensThePullRequest() throws Exception {
        system.llm()
                .script(
                        "agent-pr",
                        Reply.tool("write", Map.of("filePath", "NOTES.md", "content", "notes\n")),
                        Reply.tool("create-pull-request", Map.of("title", "Add release notes", "draft", true)),
                        Reply.text("Opened the pull request."));
        try (var session = TestSession.open(system, alice, "acme/widgets")) {
            var prompt = session.prompt(alice, "Write notes and open a PR: agent-pr");
            session.awaitCompleted(prompt, TURN);

            var tool = session.eventsOf(prompt, "tool.call").stream()
                    .filter(e -> "create-pull-request".equals(e.path("tool").asString()))
                    .toList();
            assertThat(tool.getLast().path("status").asString()).as("%s", tool).isEqualTo("completed");
            assertThat(tool.getLast().path("output").asString())
                    .startsWith("Pull request #")
                    .contains("/acme/widgets/pull/");
            var pull = github.pullRequests().stream()
                    .filter(p -> p.head().equals(session.branch()))
                    .findFirst()
                    .orElseThrow();
            assertThat(pull.title()).isEqualTo("Add release notes");
            assertThat(pull.draft()).isTrue();
            assertThat(pull.body()).contains("for Alice Liddell");
            var bare = dir.resolve("github/git/acme/widgets.git");
            assertThat(git(bare, "show", "--end-of-options", session.branch() + ":NOTES.md"))
                    .isEqualTo("notes\n");
            assertThat(session.events("pull_request")).isNotEmpty();
        }
    }

    @Test
    void aSignedInUsersAgentOpensThePullRequestUnderTheirNameAndEachPromptsCommitCarriesItsAuthor() throws Exception {
        github.signIn(new GitHubUser(501, "dana", "Dana Scully", null, "dana@fbi.test", java.util.List.of("acme")));
        var signedIn = SignInBrowser.signIn(system.base());
        assertThat(signedIn.status()).as(signedIn.page()).isEqualTo(200);
        var dana = new ApiClient(system.base(), signedIn.apiToken().orElseThrow());
        system.llm()
                .script(
                        "dana-change",
                        Reply.tool("write", Map.of("filePath", "DANA.md", "content", "dana\n")),
                        Reply.tool("create-pull-request", Map.of("title", "Dana's change")),
                        Reply.text("Done, with a pull request."));
        system.llm()
                .script(
                        "alice-follow-up",
                        Reply.tool("write", Map.of("filePath", "ALICE.md", "content", "alice\n")),
                        Reply.text("Added mine."));
        try (var session = TestSession.open(system, dana, "acme/widgets")) {
            session.awaitCompleted(session.prompt(dana, "Make the dana-change"), TURN);
            var pulls = github.pullRequests().stream()
                    .filter(p -> p.head().equals(session.branch()))
                    .toList();
            assertThat(pulls).hasSize(1);
            assertThat(pulls.getFirst().author()).isEqualTo("dana");

            session.awaitCompleted(session.prompt(alice, "The alice-follow-up please"), TURN);
            var again = alice.post("/api/sessions/" + session.id() + "/pull-request", Map.of("title", "Both changes"));
            assertThat(again.json().get("number").asInt())
                    .isEqualTo(pulls.getFirst().number());
            assertThat(github.pullRequests().stream().filter(p -> p.head().equals(session.branch())))
                    .hasSize(1)
                    .allSatisfy(p -> assertThat(p.title()).isEqualTo("Both changes"));

            var bare = dir.resolve("github/git/acme/widgets.git");
            assertThat(git(bare, "log", "--format=%an <%ae>", "--end-of-options", "main.." + session.branch()))
                    .isEqualTo("Alice Liddell <alice@example.com>\nDana Scully <501+dana@users.noreply.github.com>\n");
            for (var token : github.issuedUserTokens()) {
                assertThat(Files.readString(dir.resolve("data/control-plane.log")))
                        .doesNotContain(token);
                assertThat(session.watcher().events().toString()).doesNotContain(token);
            }
        }
    }

    @Test
    void aSessionOnAPullRequestPushesOntoItsBranchKeepingAPersonsCommitAndAReviewThereLeavesTheBranchUntouched()
            throws Exception {
        var bare = dir.resolve("github/git/acme/widgets.git");
        git(bare, "branch", "feature/greeting", "main");
        var pull = github.openPullRequest("acme/widgets", "feature/greeting", "main", "octocat", "Greeting");
        var theirsPushed = new CompletableFuture<Void>();
        system.llm()
                .script(
                        "greet-the-pr",
                        Reply.tool("write", Map.of("filePath", "GREETING.md", "content", "hello\n")),
                        // the answer waits for a person's push to the branch while the turn still runs
                        Reply.stream(new Chunk.Hold(theirsPushed, TURN), Chunk.text("Greeted.")));
        var request = Map.<String, Object>of("repository", "acme/widgets", "pullRequest", pull.number(), "title", "PR");
        try (var session = TestSession.open(system, alice, request)) {
            assertThat(session.branch()).isEqualTo("feature/greeting");
            var prompt = session.prompt(alice, "Please greet-the-pr");
            await().atMost(TURN)
                    .until(() -> session.eventsOf(prompt, "tool.call").stream()
                            .anyMatch(e -> "completed".equals(e.path("status").asString())));
            var person = dir.resolve("octocat");
            git(dir, "clone", "--quiet", "--branch", "feature/greeting", bare.toString(), person.toString());
            Files.writeString(person.resolve("THEIRS.md"), "theirs\n");
            git(person, "add", "THEIRS.md");
            git(
                    person,
                    "-c",
                    "user.name=Octo Cat",
                    "-c",
                    "user.email=octo@example.com",
                    "commit",
                    "-q",
                    "-m",
                    "Theirs");
            var theirs = git(person, "rev-parse", "HEAD").strip();
            assertThat(git(person, "push", "--quiet", "origin", "HEAD:feature/greeting"))
                    .isBlank();
            theirsPushed.complete(null);

            session.awaitCompleted(prompt, TURN);
            assertThat(git(bare, "rev-list", "--end-of-options", "feature/greeting"))
                    .as("their commit is kept")
                    .contains(theirs);
            assertThat(git(bare, "log", "-1", "--format=%an|%s", "--end-of-options", "feature/greeting"))
                    .as("the agent's commit is on top of it")
                    .isEqualTo("Alice Liddell|Please greet-the-pr\n");
            assertThat(git(bare, "show", "--end-of-options", "feature/greeting:GREETING.md"))
                    .isEqualTo("hello\n");
            var owned = alice.get("/api/sessions/" + session.id() + "/pull-request");
            assertThat(owned.json().path("number").asInt()).isEqualTo(pull.number());

            // a review: an agent told (by the pull request it reads, say) to commit and push cannot
            system.llm()
                    .script(
                            "review-the-pr",
                            Reply.tool(
                                    "bash",
                                    Map.of(
                                            "command",
                                            "echo hijacked > README.md && git commit -qam hijack"
                                                    + " && git push origin HEAD:feature/greeting 2>&1; echo pushed=$?",
                                            "description",
                                            "Push")),
                            Reply.text("Reviewed: looks fine."));
            var head = git(bare, "rev-parse", "feature/greeting").strip();
            var review = session.prompt(alice, Map.of("content", "Please review-the-pr", "kind", "review"));
            session.awaitCompleted(review, TURN);
            assertThat(git(bare, "rev-parse", "feature/greeting").strip())
                    .as("the review left the branch untouched")
                    .isEqualTo(head);
            assertThat(session.eventsOf(review, "tool.call").toString())
                    .as("the agent's own push was refused")
                    .contains("pushed=")
                    .doesNotContain("pushed=0");
            assertThat(session.eventsOf(review, "commit.pushed")).isEmpty();
            assertThat(github.tokenCreations())
                    .as("a read-only credential while the review ran")
                    .anySatisfy(t -> assertThat(t.permissions()).isEqualTo(Map.of("contents", "read")));
            var sandbox = session.sandboxOf(review);
            assertThat(dir.resolve("data/sandboxes").resolve(sandbox).resolve("repo/README.md"))
                    .as("and its change to the clone is undone")
                    .content()
                    .doesNotContain("hijacked");
        }
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(java.util.List.of(args));
        var process = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        var out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
