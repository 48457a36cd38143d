package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A local sandbox probed as an attacker would, from the agent's own bash tool and from git hooks
 * and an fsmonitor script planted in the clone: nothing of the control plane or the supervisor is
 * visible (their environments, CodInspect's data directory, the operator's home).
 */
@ExtendWith(SharedSystem.class)
class ContainmentTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    private static final String SECRET_MARK = "CODINSPECT_";

    private static Path dir;

    private static LocalSystem system;
    private static ApiClient mallory;

    @BeforeAll
    static void start(LocalSystem shared) {
        system = shared;
        dir = system.folder("containment");
        mallory = system.newUser("Mallory Probe", "mallory", "mallory@example.com");
    }

    @Test
    void theAgentsShellSeesNoOtherProcessesEnvironmentNorTheDataDirectoryNorTheOperatorsHome() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-probe"));
        var data = system.dataDir().toRealPath();
        var home = Path.of(System.getProperty("user.home")).toRealPath();
        var workingFolder = Path.of(System.getProperty("user.dir")).toRealPath(); // the control plane's
        system.llm()
                .script(
                        "probe-the-sandbox",
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "cat /proc/*/environ 2>&1 | tr '\\0' '\\n'; echo '--- data'; ls -A " + data
                                                + " 2>&1; echo '--- home'; ls -A " + home
                                                + " 2>/dev/null; echo '--- others'; for d in "
                                                + workingFolder + " /var/tmp /home /run; do ls -A $d; done 2>/dev/null;"
                                                + " echo '--- end'",
                                        "description",
                                        "Look around")),
                        Reply.text("Looked around."));
        try (var session = TestSession.open(system, mallory, origin.dir().toString())) {
            var prompt = session.prompt(mallory, "Please probe-the-sandbox");
            session.awaitCompleted(prompt, TURN);
            var output = session.eventsOf(prompt, "tool.call").stream()
                    .filter(e -> "completed".equals(e.path("status").asString()))
                    .map(e -> e.path("output").asString())
                    .findFirst()
                    .orElseThrow();

            assertThat(output).contains("--- end");
            assertNoSecret(output);
            var dataListing = between(output, "--- data", "--- home");
            assertThat(dataListing)
                    .as("the data directory, seen from the sandbox")
                    .containsExactly("sandboxes");
            try (var files = Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("what the data directory really holds")
                        .contains("sandboxes", "control-plane.log");
            }
            assertThat(between(output, "--- others", "--- end"))
                    .as("the control plane's working folder, /var/tmp, /home and /run, seen from the sandbox")
                    .allSatisfy(name -> assertThat(onTheWayToTheSandbox(workingFolder.resolve(name)))
                            .as(name)
                            .isTrue());
            var homeListing = between(output, "--- home", "--- others");
            try (var real = Files.list(home)) {
                var realNames = real.map(p -> p.getFileName().toString()).toList();
                assertThat(realNames)
                        .as("the operator's home is not empty here")
                        .isNotEmpty();
                // only folders on the way to what the sandbox is given (e.g. the OpenCode install) may show
                assertThat(homeListing)
                        .allSatisfy(name -> assertThat(onTheWayToTheSandbox(home.resolve(name)))
                                .as("%s in the operator's home is visible", name)
                                .isTrue());
            }
        }
    }

    @Test
    void aPlantedPrePushHookAndFsmonitorScriptGetNothingOfTheSupervisors() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin-hooks"));
        var spy = "#!/bin/sh\n(cat /proc/*/environ | tr '\\0' '\\n'; echo \"uid=$(id -u)\") > \"$(git rev-parse"
                + " --git-dir)/leak-$(basename \"$0\")-$$\" 2>&1\nexit 0\n";
        system.llm()
                .script(
                        "plant-the-hooks",
                        Reply.tool("write", Map.of("filePath", ".git/hooks/pre-push", "content", spy)),
                        Reply.tool("write", Map.of("filePath", "fsmonitor-spy.sh", "content", spy)),
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "chmod +x .git/hooks/pre-push fsmonitor-spy.sh && git config core.fsmonitor"
                                                + " \"$PWD/fsmonitor-spy.sh\" && git status --short"
                                                + " && git push --quiet origin HEAD:refs/heads/agent-own-push",
                                        "description",
                                        "Plant hooks and use git")),
                        Reply.text("Planted them."));
        system.llm().script("use-git-again", Reply.text("Nothing to do."));
        try (var session = TestSession.open(system, mallory, origin.dir().toString())) {
            var planted = session.prompt(mallory, "Please plant-the-hooks");
            session.awaitCompleted(planted, TURN);
            var again = session.prompt(mallory, "Now use-git-again"); // the supervisor's own git runs twice more
            session.awaitCompleted(again, TURN);

            var gitDir = system.dataDir()
                    .resolve("sandboxes")
                    .resolve(session.sandboxOf(planted))
                    .resolve("repo/.git");
            List<Path> leaks;
            try (var files = Files.list(gitDir)) {
                leaks = files.filter(p -> p.getFileName().toString().startsWith("leak-"))
                        .toList();
            }
            assertThat(leaks)
                    .as("the agent's own git ran the planted scripts, so they can tell what they see")
                    .anyMatch(p -> p.getFileName().toString().startsWith("leak-pre-push"))
                    .anyMatch(p -> p.getFileName().toString().startsWith("leak-fsmonitor-spy.sh"));
            for (var leak : leaks) {
                var seen = Files.readString(leak);
                assertNoSecret(seen);
                if ("0"
                        .equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")
                                .toString())) {
                    assertThat(seen).as("run as the unprivileged sandbox user").contains("uid=65534");
                }
            }
            assertThat(origin.hasFile(session.branch(), "fsmonitor-spy.sh")).isTrue();
        }
    }

    private static void assertNoSecret(String seen) {
        assertThat(seen)
                .doesNotContain(LocalSystem.LLM_KEY)
                .doesNotContain(LocalSystem.ANTHROPIC_KEY)
                .doesNotContain(LocalSystem.OPENAI_KEY)
                .doesNotContain(LocalSystem.ADMIN_TOKEN)
                .doesNotContain("cis_")
                .doesNotContain(SECRET_MARK)
                .doesNotContain("spring.datasource");
    }

    private static List<String> between(String output, String from, String to) {
        var start = output.indexOf(from) + from.length();
        var end = output.indexOf(to, start);
        return Stream.of(output.substring(start, end).split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** Whether a path in the operator's home leads to something bound into sandboxes. */
    private static boolean onTheWayToTheSandbox(Path path) {
        var given = List.of(
                Path.of(System.getProperty("codinspect.opencode-binary"))
                        .toAbsolutePath()
                        .normalize(),
                dir.toAbsolutePath().normalize());
        return given.stream().anyMatch(p -> p.startsWith(path));
    }
}
