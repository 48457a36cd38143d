package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/**
 * Acceptance 4 (boot): a missing repository, a failing start.sh, a failing setup.sh; and a sandbox
 * signalled while it boots ends at once.
 */
@ExtendWith(SharedSystem.class)
class BootTest {

    private static final Duration BOOT = Duration.ofSeconds(90);

    private static Path dir;

    private static LocalSystem system;
    private static ApiClient dan;

    @BeforeAll
    static void start(LocalSystem shared) {
        system = shared;
        dir = system.folder("boot");
        dan = system.newUser("Dan Abnett", "dan", "dan@example.com");
    }

    @Test
    void aRepositoryThatCannotBeClonedFailsTheSessionStartWithAClearEvent() {
        // a repository the control plane accepts (it is one) that the sandbox cannot clone: it has no main
        var empty = GitRepo.createEmptyBare(dir.resolve("no-such-repository.git"));
        try (var session = TestSession.open(system, dan, "file://" + empty.dir())) {
            var prompt = session.prompt(dan, "Anything");
            var ending = session.awaitEnd(prompt, BOOT);
            assertThat(TestSession.type(ending)).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString())
                    .contains("Could not clone")
                    .contains("no-such-repository");
            var failed = sandboxFailure(session);
            assertThat(failed.path("phase").asString()).isEqualTo("clone");
            assertThat(failed.path("message").asString()).contains("Could not clone");
        }
    }

    @Test
    void aFailingStartScriptFailsTheBootWithItsLastOutputLines() {
        var origin = GitRepo.create(dir.resolve("origin-start"))
                .commit(
                        "Add a start hook",
                        ".codinspect/start.sh",
                        "echo 'starting the dev server'\necho 'error: port 5432 is taken' >&2\nexit 3\n");
        try (var session = TestSession.open(system, dan, origin.dir().toString())) {
            var prompt = session.prompt(dan, "Anything");
            var ending = session.awaitEnd(prompt, BOOT);
            assertThat(TestSession.type(ending)).isEqualTo("prompt.failed");
            var failed = sandboxFailure(session);
            assertThat(failed.path("phase").asString()).isEqualTo("start");
            assertThat(failed.path("message").asString())
                    .contains(".codinspect/start.sh exited with code 3")
                    .contains("starting the dev server")
                    .contains("error: port 5432 is taken");
            assertThat(ending.path("error").asString()).contains("error: port 5432 is taken");
        }
    }

    @Test
    void aFailingSetupScriptOnAFreshBootIsAWarningAndTheSessionWorks() {
        var origin = GitRepo.create(dir.resolve("origin-setup"))
                .commit(
                        "Add Open-Inspect hooks",
                        ".openinspect/setup.sh",
                        "echo \"mode=$CODINSPECT_BOOT_MODE/$OPENINSPECT_BOOT_MODE\"\necho 'npm ERR! network' >&2\nexit 1\n");
        system.llm().script("after-setup", Reply.text("All good."));
        try (var session = TestSession.open(system, dan, origin.dir().toString())) {
            var prompt = session.prompt(dan, "Check after-setup");
            session.awaitCompleted(prompt, BOOT);
            assertThat(session.events("warning"))
                    .extracting(e -> e.path("message").asString())
                    .anySatisfy(message -> assertThat(message)
                            .contains(".openinspect/setup.sh exited with code 1")
                            .contains("mode=fresh/fresh")
                            .contains("npm ERR! network"));
        }
    }

    @Test
    void aSupervisorSignalledWhileItsSetupRunsEndsAtOnceInsteadOfFinishingTheBoot() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-slow-setup"))
                .commit("Add a slow setup", ".codinspect/setup.sh", "echo 'installing'\nsleep 300\n");
        try (var session = TestSession.open(system, dan, origin.dir().toString())) {
            var prompt = session.prompt(dan, "Anything");
            await().atMost(BOOT)
                    .until(() -> session.events("sandbox.status").stream()
                            .anyMatch(e -> "branch".equals(e.path("phase").asString())));
            var sandbox = session.events("sandbox.status")
                    .getFirst()
                    .path("sandboxId")
                    .asString();
            var supervisor = SandboxProcesses.supervisor(system.dataDir(), sandbox);

            supervisor.destroy(); // SIGTERM, as a pod's deletion or the control plane's stop

            // well within the 30 s stop grace that waiting for the 300 s setup would take
            assertThat(supervisor.onExit()).succeedsWithin(Duration.ofSeconds(15));
            assertThat(Files.readString(system.dataDir()
                            .resolve("sandboxes")
                            .resolve(sandbox)
                            .resolve("supervisor.log")))
                    .as("the supervisor ended on its own")
                    .contains("Ended (the sandbox was terminated)")
                    .doesNotContain("Boot phase setup took");
            assertThat(TestSession.type(session.awaitEnd(prompt, BOOT))).isEqualTo("prompt.failed");
        }
    }

    private static ObjectNode sandboxFailure(TestSession session) {
        return session.events("sandbox.status").stream()
                .filter(e -> "failed".equals(e.path("status").asString()))
                .filter(e -> e.has("phase"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no failed sandbox.status with a phase in " + session.events("sandbox.status")));
    }
}
