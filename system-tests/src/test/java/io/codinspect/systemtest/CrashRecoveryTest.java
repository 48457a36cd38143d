package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acceptance 5: a supervisor killed mid-turn, the next prompt resuming from the session branch; and
 * the agent process itself dying, restarted inside the same sandbox.
 */
@ExtendWith(SharedSystem.class)
class CrashRecoveryTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    private static final Duration HEARTBEAT_TIMEOUT = LocalSystem.HEARTBEAT_TIMEOUT;

    private static Path dir;

    private static LocalSystem system;
    private static ApiClient erin;

    @BeforeAll
    static void start(LocalSystem shared) {
        system = shared;
        dir = system.folder("crash-recovery");
        erin = system.newUser("Erin Brockovich", "erin", "erin@example.com");
    }

    @Test
    void killingTheSupervisorMidTurnFailsThePromptAndTheNextOneResumesTheBranch() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-crash"));
        system.llm()
                .script(
                        "first-file",
                        Reply.tool("write", Map.of("filePath", "first.txt", "content", "one\n")),
                        Reply.text("Wrote first.txt."));
        system.llm().script("never-ends", Reply.slow("Working on it", Duration.ofMinutes(2), "."));
        system.llm()
                .script(
                        "second-file",
                        Reply.tool(
                                "bash",
                                Map.of("command", "cat first.txt > second.txt", "description", "Copy the first file")),
                        Reply.text("Copied it."));
        try (var session = TestSession.open(system, erin, origin.dir().toString())) {
            var first = session.prompt(erin, "Write the first-file");
            session.awaitCompleted(first, TURN);
            var crashed = session.prompt(erin, "This never-ends");
            await().atMost(TURN).until(() -> !system.llm().turns("never-ends").isEmpty());
            var sandbox = session.sandboxOf(crashed);

            var supervisor = SandboxProcesses.supervisor(system.dataDir(), sandbox);
            var killedAt = System.nanoTime();
            supervisor.destroyForcibly();
            var ending = session.awaitEnd(crashed, HEARTBEAT_TIMEOUT);
            var tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString()).contains("lost").contains("exited");
            assertThat(tookMs).isLessThan(HEARTBEAT_TIMEOUT.toMillis());

            var next = session.prompt(erin, "Now the second-file");
            session.awaitCompleted(next, TURN);
            assertThat(session.sandboxOf(next)).isNotEqualTo(sandbox);
            assertThat(session.events("sandbox.status"))
                    .extracting(e -> e.path("message").asString())
                    .contains("Resumed " + session.branch() + " from the origin");
            assertThat(origin.show(session.branch(), "first.txt")).isEqualTo("one\n");
            assertThat(origin.show(session.branch(), "second.txt")).isEqualTo("one\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .containsExactly(
                            "Erin Brockovich|erin@example.com|Now the second-file",
                            "Erin Brockovich|erin@example.com|Write the first-file");
        }
    }

    @Test
    void killingOpenCodeMidTurnFailsThePromptAndTheSandboxRestartsItForTheNextPrompt() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-agent-crash"));
        system.llm().script("agent-dies", Reply.slow("Working on it", Duration.ofMinutes(2), "."));
        system.llm().script("agent-back", Reply.text("I am back."));
        try (var session = TestSession.open(system, erin, origin.dir().toString())) {
            var crashed = session.prompt(erin, "The agent-dies now");
            await().atMost(TURN).until(() -> !system.llm().turns("agent-dies").isEmpty());
            var sandbox = session.sandboxOf(crashed);
            var opencode = SandboxProcesses.opencode(system.dataDir(), sandbox);

            opencode.destroyForcibly();
            var ending = session.awaitEnd(crashed, Duration.ofSeconds(10));
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString()).contains("OpenCode").contains("exited unexpectedly");

            var next = session.prompt(erin, "Are you agent-back?");
            session.awaitCompleted(next, TURN);
            assertThat(session.sandboxOf(next)).isEqualTo(sandbox);
            assertThat(session.eventsOf(next, "assistant.text"))
                    .extracting(e -> e.path("text").asString())
                    .contains("I am back.");
        }
    }
}
