package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.model.stream.ServerMessage;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Acceptance 1 and 2: the agent does real work in a real sandbox and it lands on the session branch. */
@ExtendWith(SharedSystem.class)
class AgentWorkTest {

    private static final Duration TURN = Duration.ofSeconds(90);

    private static Path dir;

    private static LocalSystem system;
    private static ApiClient alice;
    private static ApiClient bob;

    @BeforeAll
    static void start(LocalSystem shared) {
        system = shared;
        dir = system.folder("agent-work");
        alice = system.newUser("Alice Liddell", "alice", "alice@example.com");
        bob = system.newUser("Bob Builder", "bob", null);
    }

    @Test
    void agentWritesAFileThatIsCommittedAsThePromptingUserThenAFollowUpReusesTheSandbox() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-work"));
        system.llm()
                .script(
                        "write-greeting",
                        Reply.stream(
                                new Chunk.Reasoning("The user wants a greeting file."),
                                new Chunk.Text("Creating the file."),
                                new Chunk.ToolCall(
                                        "write", "{\"filePath\":\"hello.txt\",\"content\":\"hello world\\n\"}")),
                        Reply.text("I wrote hello.txt with a greeting."));
        system.llm()
                .script(
                        "change-greeting",
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "printf 'hello bob\\n' > hello.txt",
                                        "description",
                                        "Change the greeting")),
                        Reply.text("The greeting now says hello to Bob."));
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var first = session.prompt(alice, Map.of("content", "Please write-greeting", "reasoningEffort", "high"));
            session.awaitCompleted(first, TURN);
            var supervisor = SandboxProcesses.supervisor(system.dataDir(), session.sandboxOf(first));
            var opencode = SandboxProcesses.opencode(system.dataDir(), session.sandboxOf(first));
            for (var process : java.util.List.of(supervisor, opencode)) {
                assertThat(SandboxProcesses.environment(process))
                        .as(
                                "the environment of %s, readable by the agent's shells",
                                process.info().command())
                        .contains("HOME=")
                        .doesNotContain("cis_")
                        .doesNotContain(LocalSystem.LLM_KEY);
            }

            var phases = session.events("sandbox.status").stream()
                    .filter(e -> "phase".equals(e.path("status").asString()))
                    .toList();
            assertThat(phases)
                    .extracting(e -> e.path("phase").asString())
                    .containsSubsequence("clone", "branch", "agent", "ready");
            assertThat(phases)
                    .allSatisfy(e -> assertThat(e.path("durationMs").asLong()).isNotNegative());
            var deltas = session.watcher().messages(ServerMessage.Delta.class);
            assertThat(deltas)
                    .anyMatch(d -> d.promptId().equals(first) && d.kind().name().equals("text"));
            assertThat(deltas)
                    .anyMatch(d -> d.promptId().equals(first) && d.kind().name().equals("reasoning"));
            assertThat(session.eventsOf(first, "assistant.text"))
                    .extracting(e -> e.path("text").asString())
                    .contains("I wrote hello.txt with a greeting.");
            assertThat(session.eventsOf(first, "assistant.reasoning")).isNotEmpty();
            var tool = session.eventsOf(first, "tool.call");
            assertThat(tool).extracting(e -> e.path("tool").asString()).containsOnly("write");
            assertThat(tool)
                    .extracting(e -> e.path("status").asString())
                    .containsExactly("pending", "running", "completed");
            assertThat(session.eventsOf(first, "step.finished"))
                    .isNotEmpty()
                    .allSatisfy(e ->
                            assertThat(e.path("tokens").path("total").asLong()).isPositive());
            var pushed = session.eventsOf(first, "commit.pushed");
            assertThat(pushed).hasSize(1);
            assertThat(origin.head(session.branch()))
                    .isEqualTo(pushed.getFirst().path("sha").asString());
            assertThat(origin.show(session.branch(), "hello.txt")).isEqualTo("hello world\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .containsExactly("Alice Liddell|alice@example.com|Please write-greeting");
            var turns = system.llm().turns("write-greeting");
            assertThat(turns).hasSize(2).allSatisfy(request -> {
                assertThat(request.model()).isEqualTo("m1");
                assertThat(request.authorization()).isEqualTo("Bearer " + LocalSystem.LLM_KEY);
                assertThat(request.reasoningEffort()).isEqualTo("high");
            });

            var second = session.prompt(bob, Map.of("content", "Now change-greeting to Bob", "model", "fake/m2"));
            session.awaitCompleted(second, TURN);
            assertThat(session.sandboxOf(second)).isEqualTo(session.sandboxOf(first));
            assertThat(phases.stream()
                            .filter(e -> "ready".equals(e.path("phase").asString())))
                    .hasSize(1);
            assertThat(origin.show(session.branch(), "hello.txt")).isEqualTo("hello bob\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .containsExactly(
                            "Bob Builder|bob@users.noreply.codinspect.invalid|Now change-greeting to Bob",
                            "Alice Liddell|alice@example.com|Please write-greeting");
            assertThat(system.llm().turns("change-greeting"))
                    .isNotEmpty()
                    .allSatisfy(request -> assertThat(request.model()).isEqualTo("m2"));

            var everything = session.watcher().events().toString();
            assertThat(everything).doesNotContain(LocalSystem.LLM_KEY).doesNotContain("cis_");
            var sandboxDir = system.dataDir().resolve("sandboxes").resolve(session.sandboxOf(first));
            assertThat(Files.readString(sandboxDir.resolve("supervisor.log")))
                    .contains("Boot phase ready")
                    .doesNotContain(LocalSystem.LLM_KEY)
                    .doesNotContain("cis_");
            assertThat(sandboxDir.resolve("home/.config/opencode/tool/create-pull-request.ts"))
                    .as("a session that is not on GitHub gets no pull request tool")
                    .doesNotExist();
            assertThat(Files.readString(sandboxDir.resolve("opencode.log")))
                    .doesNotContain(LocalSystem.LLM_KEY)
                    .doesNotContain("cis_");
        }
    }

    @Test
    void aSixMegabyteWriteLandsWholeInTheRepositoryWhileNoStoredEventIsOverTheCap() {
        var origin = GitRepo.create(dir.resolve("origin-large"));
        var line = "0123456789abcdefghijklmnopqrstuvwxyz\n";
        var content = line.repeat(6 * 1024 * 1024 / line.length() + 1);
        system.llm()
                .script(
                        "write-a-large-file",
                        Reply.tool("write", Map.of("filePath", "large.txt", "content", content)),
                        Reply.text("Wrote a large file."));
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var prompt = session.prompt(alice, "Please write-a-large-file");
            session.awaitCompleted(prompt, TURN);

            assertThat(origin.show(session.branch(), "large.txt")).isEqualTo(content);
            var stored = new java.util.ArrayList<String>();
            var after = 0L;
            while (true) {
                var page = alice.get("/api/sessions/" + session.id() + "/events?after=" + after)
                        .json();
                page.path("events").forEach(e -> stored.add(e.toString()));
                if (!page.path("hasMore").asBoolean()) {
                    break;
                }
                after = page.path("events")
                        .get(page.path("events").size() - 1)
                        .path("seq")
                        .asLong();
            }
            assertThat(stored)
                    .isNotEmpty()
                    .allSatisfy(json -> assertThat(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .isLessThanOrEqualTo(256 * 1024 + 1024));
            assertThat(session.eventsOf(prompt, "tool.call"))
                    .filteredOn(e -> "completed".equals(e.path("status").asString()))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.path("truncated").asBoolean()).isTrue();
                        assertThat(e.path("input").path("content").asString()).contains("[cut ");
                    });
        }
    }
}
