package io.codinspect.supervisor.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of a running turn, pushed to the origin and restored by the next sandbox. */
class CheckpointsTest {

    private static final String BRANCH = "codinspect/s1";

    @TempDir
    Path dir;

    @Test
    void aCheckpointHoldsTrackedAndUntrackedFilesButNotIgnoredOnesAndTheNextSandboxRestoresIt() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        origin.commit("Ignore build output", ".gitignore", "build/\n");
        var first = sandbox("one");
        var checkpoints = new Checkpoints(first, "s1");
        assertThat(checkpoints.save()).as("nothing changed yet").isNull();

        Files.writeString(first.dir().resolve("README.md"), "# changed\n");
        Files.writeString(first.dir().resolve("new.txt"), "untracked\n");
        Files.createDirectories(first.dir().resolve("build"));
        Files.writeString(first.dir().resolve("build/out.bin"), "ignored\n");
        var saved = checkpoints.save();
        assertThat(saved).isNotNull();
        assertThat(checkpoints.save()).as("the same files again").isNull();
        assertThat(origin.show(saved, "new.txt")).isEqualTo("untracked\n");
        assertThat(origin.show(saved, "README.md")).isEqualTo("# changed\n");
        assertThat(origin.git("ls-tree", "-r", "--name-only", saved)).doesNotContain("build/out.bin");
        assertThat(origin.git("rev-parse", "refs/codinspect/checkpoints/s1").strip())
                .isEqualTo(saved);
        assertThat(first.commitAll("nothing staged by the checkpoint")).isTrue(); // the agent's index is untouched

        var second = sandbox("two"); // the first was lost before it pushed its branch
        var restored = new Checkpoints(second, "s1").restoreIfAhead(BRANCH, "restored after the sandbox was lost");
        assertThat(restored).isNotNull();
        assertThat(restored.checkpoint()).isEqualTo(saved);
        assertThat(second.dir().resolve("new.txt")).hasContent("untracked");
        assertThat(origin.show(BRANCH, "new.txt")).isEqualTo("untracked\n");
        assertThat(origin.commitsSinceMain(BRANCH))
                .first()
                .isEqualTo("Ada|ada@example.com|restored after the sandbox was lost");

        var third = sandbox("three");
        assertThat(new Checkpoints(third, "s1").restoreIfAhead(BRANCH, "again"))
                .as("the branch holds the checkpoint now")
                .isNull();
    }

    @Test
    void aCheckpointBehindTheBranchIsNotRestored() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = sandbox("one");
        Files.writeString(first.dir().resolve("wip.txt"), "wip\n");
        new Checkpoints(first, "s1").save();
        first.commitAll("The turn finished");
        first.push(BRANCH);

        var second = sandbox("two");
        assertThat(new Checkpoints(second, "s1").restoreIfAhead(BRANCH, "restored"))
                .isNull();
        assertThat(origin.commitsSinceMain(BRANCH)).containsExactly("Ada|ada@example.com|The turn finished");
    }

    private Workspace sandbox(String name) {
        var origin = dir.resolve("origin").toString();
        var workspace = WorkspaceTest.workspace(origin, dir.resolve(name).resolve("repo"));
        workspace.cloneBaseBranch("main");
        workspace.checkoutSessionBranch(BRANCH);
        workspace.configureAuthor("Ada", "ada@example.com");
        return workspace;
    }
}
