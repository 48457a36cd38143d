package io.codinspect.supervisor.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.supervisor.BootMode;
import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.LocalBoundary;
import io.codinspect.testkit.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git workspace and the hooks, against real repositories. */
class WorkspaceTest {

    static final Boundary NONE = LocalBoundary.none(System.getenv());

    @TempDir
    Path dir;

    static Workspace workspace(String repository, Path repo) {
        return new Workspace(repository, repository, repo, null, NONE);
    }

    @Test
    void aNewSandboxResumesTheSessionBranchFromTheOrigin() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = workspace(origin.dir().toString(), dir.resolve("one/repo"));
        first.cloneBaseBranch("main");
        assertThat(first.checkoutSessionBranch("codinspect/s1")).isFalse();
        first.configureAuthor("Ada", "ada@example.com");
        Files.writeString(first.dir().resolve("a.txt"), "a\n");
        assertThat(first.commitAll("Add a")).isTrue();
        assertThat(first.commitAll("nothing")).isFalse();
        first.push("codinspect/s1");

        var second = workspace(origin.dir().toString(), dir.resolve("two/repo"));
        second.cloneBaseBranch("main");
        assertThat(second.checkoutSessionBranch("codinspect/s1")).isTrue();
        assertThat(second.dir().resolve("a.txt")).hasContent("a");
        assertThat(second.head()).isEqualTo(origin.head("codinspect/s1"));
        assertThat(origin.commitsSinceMain("codinspect/s1")).containsExactly("Ada|ada@example.com|Add a");
    }

    @Test
    void aCommitSomeonePushedWhileTheAgentWorkedIsKeptAndTheAgentsCommitsGoOnTopOfIt() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var agent = sessionClone(origin, "agent", "b.txt", "b\n");
        var pushed = agent.head();
        agent.push("codinspect/s1");

        var person = sessionClone(origin, "person", "c.txt", "c\n");
        person.push("codinspect/s1");
        var theirs = person.head();

        Files.writeString(agent.dir().resolve("d.txt"), "d\n");
        assertThat(agent.commitAll("Add d")).isTrue();
        assertThat(agent.integrate("codinspect/s1", pushed)).isEqualTo(new Workspace.Integration.Rebased(theirs));
        agent.push("codinspect/s1");

        assertThat(origin.commitsSinceMain("codinspect/s1"))
                .as("newest first, no commit lost")
                .containsExactly(
                        "Ada|ada@example.com|Add d", "Ada|ada@example.com|Add c.txt", "Ada|ada@example.com|Add b.txt");
        assertThat(origin.git("merge-base", "--is-ancestor", theirs, "codinspect/s1"))
                .isEmpty();
        assertThat(agent.integrate("codinspect/s1", agent.head())).isEqualTo(new Workspace.Integration.UpToDate());
    }

    @Test
    void commitsTheAgentPushedItselfAreNotReplayedOntoTheirOwnSuccessors() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var agent = sessionClone(origin, "agent", "b.txt", "b\n");
        var lastDelivered = agent.head();
        agent.push("codinspect/s1");
        Files.writeString(agent.dir().resolve("x.txt"), "x\n");
        assertThat(agent.commitAll("Pushed by the agent itself")).isTrue();
        agent.push("codinspect/s1"); // the agent's own git push: the supervisor's last delivery is older

        var person = sessionClone(origin, "person", "c.txt", "c\n");
        person.push("codinspect/s1");
        Files.writeString(agent.dir().resolve("d.txt"), "d\n");
        assertThat(agent.commitAll("Add d")).isTrue();

        assertThat(agent.integrate("codinspect/s1", lastDelivered))
                .isEqualTo(new Workspace.Integration.Rebased(person.head()));
        agent.push("codinspect/s1");
        assertThat(origin.commitsSinceMain("codinspect/s1"))
                .containsExactly(
                        "Ada|ada@example.com|Add d",
                        "Ada|ada@example.com|Add c.txt",
                        "Ada|ada@example.com|Pushed by the agent itself",
                        "Ada|ada@example.com|Add b.txt");
    }

    @Test
    void conflictingChangesAreNeitherPushedNorForcedAndTheCloneIsLeftAsItWas() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var agent = sessionClone(origin, "agent", "b.txt", "b\n");
        var pushed = agent.head();
        agent.push("codinspect/s1");
        var person = sessionClone(origin, "person", "README.md", "# theirs\n");
        person.push("codinspect/s1");

        Files.writeString(agent.dir().resolve("README.md"), "# the agent's\n");
        assertThat(agent.commitAll("Change the README")).isTrue();
        var head = agent.head();
        var integration = agent.integrate("codinspect/s1", pushed);

        assertThat(integration).isEqualTo(new Workspace.Integration.Conflict(person.head(), List.of("README.md")));
        assertThat(agent.head()).as("the rebase is undone").isEqualTo(head);
        assertThat(agent.dir().resolve("README.md")).hasContent("# the agent's");
        assertThat(agent.dir().resolve(".git/rebase-merge")).doesNotExist();
        assertThat(origin.head("codinspect/s1")).isEqualTo(person.head());
        assertThatThrownBy(() -> agent.push("codinspect/s1"))
                .as("and a plain push never overwrites theirs")
                .isInstanceOf(SupervisorException.class);
    }

    @Test
    void restoreUndoesTheFilesCommitsAndBranchAReviewLeftBehindButKeepsIgnoredFiles() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        origin.commit("Ignore build output", ".gitignore", "build/\n");
        var clone = sessionClone(origin, "review", "a.txt", "a\n");
        var before = clone.head();

        Files.writeString(clone.dir().resolve("README.md"), "# changed by the review\n");
        Files.writeString(clone.dir().resolve("new.txt"), "new\n");
        Files.createDirectories(clone.dir().resolve("build"));
        Files.writeString(clone.dir().resolve("build/out.bin"), "kept\n");
        assertThat(clone.commitAll("A commit the review made")).isTrue();
        clone.required(Workspace.LOCAL_TIMEOUT, "switch", "checkout", "--quiet", "-b", "elsewhere");
        Files.writeString(clone.dir().resolve("stray.txt"), "stray\n");
        Files.createDirectories(clone.dir().resolve(".git/rebase-merge")); // a rebase left half done
        Files.writeString(clone.dir().resolve(".git/rebase-merge/head-name"), "refs/heads/elsewhere\n");

        clone.restore("codinspect/s1", before);

        assertThat(clone.head()).isEqualTo(before);
        assertThat(clone.required(Workspace.LOCAL_TIMEOUT, "branch", "branch", "--show-current")
                        .tailText()
                        .strip())
                .isEqualTo("codinspect/s1");
        assertThat(clone.dir().resolve("README.md")).hasContent("# Test repository");
        assertThat(clone.dir().resolve("new.txt")).doesNotExist();
        assertThat(clone.dir().resolve("stray.txt")).doesNotExist();
        assertThat(clone.dir().resolve("build/out.bin")).hasContent("kept");
        assertThat(clone.dir().resolve(".git/rebase-merge")).doesNotExist();
        assertThat(clone.commitAll("nothing left")).isFalse();
    }

    /** A clone on the session branch (resumed when it exists) with one more commit of {@code file}, as Ada. */
    private Workspace sessionClone(GitRepo origin, String name, String file, String content) throws Exception {
        var clone = workspace(origin.dir().toString(), dir.resolve(name + "/repo"));
        clone.cloneBaseBranch("main");
        clone.checkoutSessionBranch("codinspect/s1");
        clone.configureAuthor("Ada", "ada@example.com");
        Files.writeString(clone.dir().resolve(file), content);
        assertThat(clone.commitAll("Add " + file)).isTrue();
        return clone;
    }

    @Test
    void cloneFailuresSayWhatAndHideCredentials() {
        var workspace = workspace("https://user:s3cret@127.0.0.1:1/nothing.git", dir.resolve("x/repo"));
        assertThatThrownBy(() -> workspace.cloneBaseBranch("main"))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining("Could not clone https://***@127.0.0.1:1/nothing.git")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void hooksComeFromOpenInspectWhenCodInspectHasNoneAndSeeTheBootMode() throws Exception {
        var repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".openinspect"));
        Files.writeString(repo.resolve(".openinspect/start.sh"), "echo \"$CODINSPECT_BOOT_MODE\" > mode.txt\n");
        var hooks = new Hooks(repo, BootMode.snapshot_restore, NONE);
        assertThat(hooks.setup(Duration.ofSeconds(5))).isInstanceOf(Hooks.Outcome.Skipped.class);
        assertThat(hooks.start(Duration.ofSeconds(5))).isInstanceOf(Hooks.Outcome.Succeeded.class);
        assertThat(repo.resolve("mode.txt")).hasContent("snapshot_restore");
    }

    @Test
    void aHookThatRunsTooLongIsStoppedAndReportedAsTimedOut() throws Exception {
        var repo = dir.resolve("slow");
        Files.createDirectories(repo.resolve(".codinspect"));
        Files.writeString(repo.resolve(".codinspect/setup.sh"), "echo preparing\nsleep 30\n");
        var outcome = new Hooks(repo, BootMode.fresh, NONE).setup(Duration.ofSeconds(1));
        assertThat(outcome).isInstanceOfSatisfying(Hooks.Outcome.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("timed out after 1 s");
            assertThat(failed.lastLines()).isEqualTo("preparing");
        });
    }

    @Test
    void hooksDoNotSeeTheSupervisorsSecrets() throws Exception {
        var repo = dir.resolve("env");
        Files.createDirectories(repo.resolve(".codinspect"));
        Files.writeString(repo.resolve(".codinspect/start.sh"), "env > env.txt\n");
        assertThat(System.getenv("CODINSPECT_SANDBOX_TOKEN"))
                .as("surefire sets it, as a provider would")
                .isNotBlank();
        new Hooks(repo, BootMode.fresh, NONE).start(Duration.ofSeconds(5));
        assertThat(Files.readString(repo.resolve("env.txt")))
                .contains("CODINSPECT_BOOT_MODE=fresh")
                .doesNotContain("CODINSPECT_SANDBOX_TOKEN")
                .doesNotContain(System.getenv("CODINSPECT_SANDBOX_TOKEN"));
    }
}
