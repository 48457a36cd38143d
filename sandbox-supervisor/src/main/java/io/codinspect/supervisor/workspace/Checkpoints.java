package io.codinspect.supervisor.workspace;

import io.codinspect.model.bridge.CheckpointRef;
import io.codinspect.supervisor.SupervisorException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of a running turn's working tree, pushed to {@code refs/codinspect/checkpoints/<session>}
 * so that a sandbox killed without warning loses at most the time since the last one. A checkpoint
 * is a commit of every tracked and untracked (not ignored) file, made with a separate index so the
 * agent's own staging is untouched, whose parent is HEAD. The next sandbox of the session restores
 * the checkpoint when it is ahead of the branch: the branch head is among its ancestors (the
 * agent's own commits of the lost turn come back with it) and its files differ; or the branch never
 * reached the origin at all. Once a turn's work is delivered the ref is moved to the branch head,
 * so a checkpoint of work the turn later undid is never brought back. Every checkpoint is sealed
 * with the session's key ({@link CheckpointSeal}); one without a valid seal is never restored, and
 * without a key none is saved.
 */
public final class Checkpoints {

    /** A checkpoint brought back onto the session branch. */
    public record Restored(String checkpoint, String commit, String savedAt) {}

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final String LOCAL_REF = "refs/codinspect/restored-checkpoint";

    private final Workspace workspace;
    private final String ref;
    private final String sessionId;
    private final CheckpointSeal seal;
    private String lastTree; // guarded by this
    private String indexHead; // guarded by this: the HEAD the checkpoint index was last reset to
    private boolean pushedSinceSettled; // guarded by this

    /** @param key the session's checkpoint key; empty: no checkpoint is saved nor restored */
    public Checkpoints(Workspace workspace, String sessionId, byte[] key) {
        this.workspace = workspace;
        this.ref = CheckpointRef.of(sessionId);
        this.sessionId = sessionId;
        this.seal = new CheckpointSeal(key, sessionId);
    }

    /**
     * Saves and pushes a checkpoint if the working tree changed since the last one and differs from
     * HEAD. Returns the checkpoint's commit id, or null when there was nothing new to save.
     */
    public synchronized String save() {
        if (!seal.enabled()) {
            return null;
        }
        var tree = workingTree();
        if (tree.equals(lastTree)) {
            return null;
        }
        if (tree.equals(treeOf("HEAD"))) {
            lastTree = tree;
            return null;
        }
        var parent = workspace.head();
        var author = single(workspace.required(Workspace.LOCAL_TIMEOUT, "read the author", "var", "GIT_AUTHOR_IDENT"));
        var date = author.substring(author.lastIndexOf('>') + 1).trim(); // fixed, so the sealed line is the commit's
        var commit = single(workspace.required(
                Workspace.LOCAL_TIMEOUT,
                Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                "commit a checkpoint",
                "commit-tree",
                tree,
                "-p",
                parent,
                "-m",
                "CodInspect checkpoint of the running turn",
                "-m",
                seal.trailer(tree, parent, author)));
        var push = workspace.git(
                Workspace.NETWORK_TIMEOUT, "push", "--quiet", "--no-verify", "--force", "origin", commit + ":" + ref);
        if (!push.ok()) {
            throw new SupervisorException("Could not push a checkpoint: " + Workspace.redact(Workspace.describe(push)));
        }
        lastTree = tree;
        pushedSinceSettled = true;
        log.info("Checkpoint {} pushed to {}", commit, ref);
        return commit;
    }

    /**
     * The turn's work is on the branch now: the checkpoint ref moves to the branch head, so that it
     * is no longer ahead of it (if it was pushed during the turn at all).
     */
    public synchronized void settle() {
        if (!pushedSinceSettled) {
            return;
        }
        var push = workspace.git(
                Workspace.NETWORK_TIMEOUT, "push", "--quiet", "--no-verify", "--force", "origin", "HEAD:" + ref);
        if (!push.ok()) {
            throw new SupervisorException(
                    "Could not settle the checkpoint: " + Workspace.redact(Workspace.describe(push)));
        }
        pushedSinceSettled = false;
        lastTree = treeOf("HEAD");
    }

    /**
     * The turn's work could not be delivered to the branch (it conflicts with commits pushed there
     * meanwhile): HEAD goes to a ref of its own, {@code refs/codinspect/conflicts/<session>/<prompt>},
     * which no checkpoint overwrites and no sandbox restores on its own. Returns the ref.
     */
    public String keep(String promptId) {
        var kept = "refs/codinspect/conflicts/" + sessionId + "/" + promptId;
        var push = workspace.git(
                Workspace.NETWORK_TIMEOUT, "push", "--quiet", "--no-verify", "--force", "origin", "HEAD:" + kept);
        if (!push.ok()) {
            throw new SupervisorException(
                    "Could not keep the work on " + kept + ": " + Workspace.redact(Workspace.describe(push)));
        }
        return kept;
    }

    /**
     * Brings the session's newest checkpoint onto the branch when it is ahead of it, committed as
     * its own author with {@code message}, and pushes the branch. Returns null when there is none to restore.
     */
    public synchronized Restored restoreIfAhead(String branch, String message) {
        return restoreIfAhead(branch, message, true);
    }

    /**
     * @param branchOnOrigin whether the session branch was found on the origin; when it was not,
     *     the checkpoint is restored onto its own parent whatever the base branch did meanwhile
     */
    public synchronized Restored restoreIfAhead(String branch, String message, boolean branchOnOrigin) {
        var checkpoint = seal.enabled() ? workspace.remoteHead(ref) : null;
        if (checkpoint == null) {
            return null;
        }
        // without --depth: the lost turn's own commits come too, down to what this clone has
        workspace.required(
                Workspace.NETWORK_TIMEOUT,
                "fetch the checkpoint",
                "fetch",
                "--quiet",
                "--no-tags",
                "origin",
                "+" + ref + ":" + LOCAL_REF);
        // read field by field, never from the raw object, whose lines are the pusher's to arrange
        var head = workspace.head();
        var tree = treeOf(LOCAL_REF);
        var parents = java.util.Arrays.asList(single(workspace.required(
                        Workspace.LOCAL_TIMEOUT,
                        "read the checkpoint",
                        "rev-list",
                        "--parents",
                        "--max-count=1",
                        LOCAL_REF))
                .split(" "));
        var parent = parents.size() == 2 ? parents.get(1) : "";
        var ahead = branchOnOrigin
                ? workspace
                        .git(Workspace.LOCAL_TIMEOUT, "merge-base", "--is-ancestor", head, LOCAL_REF)
                        .ok()
                : !parent.isEmpty();
        if (!ahead || tree.equals(treeOf("HEAD"))) {
            log.info("Checkpoint {} is not ahead of {} ({}); not restored", checkpoint, branch, head);
            return null;
        }
        var authorLine = single(workspace.required(
                Workspace.LOCAL_TIMEOUT,
                "read the checkpoint's author",
                "log",
                "-1",
                "--date=raw",
                "--format=%an <%ae> %ad",
                LOCAL_REF));
        var seals = workspace
                .required(
                        Workspace.LOCAL_TIMEOUT,
                        "read the checkpoint's seal",
                        "log",
                        "-1",
                        "--format=%(trailers:key=" + CheckpointSeal.KEY + ",valueonly,unfold)",
                        LOCAL_REF)
                .tail();
        if (parent.isEmpty() || !seal.verifies(seals, tree, parent, authorLine)) {
            throw new SupervisorException("the checkpoint " + checkpoint
                    + " was not made by this session's sandboxes (its seal does not match); it was not restored");
        }
        var author = Author.parse(authorLine);
        workspace.required(
                Workspace.LOCAL_TIMEOUT, "take the lost turn's commits", "reset", "--quiet", "--hard", parent);
        workspace.required(
                Workspace.LOCAL_TIMEOUT, "restore the checkpoint's files", "read-tree", "-u", "--reset", tree);
        workspace.required(
                Workspace.LOCAL_TIMEOUT,
                Map.of(
                        "GIT_AUTHOR_NAME", author.name(),
                        "GIT_AUTHOR_EMAIL", author.email(),
                        "GIT_COMMITTER_NAME", author.name(),
                        "GIT_COMMITTER_EMAIL", author.email()),
                "commit the restored work",
                "commit",
                "--quiet",
                "--no-verify",
                "--allow-empty",
                "-m",
                message);
        workspace.push(branch);
        lastTree = tree;
        pushedSinceSettled = true; // the ref is behind the branch now, but still ahead of nothing
        return new Restored(checkpoint, workspace.head(), author.time());
    }

    /** The tree of every tracked and untracked, not ignored, file, written through a separate index. */
    private String workingTree() {
        var index = Map.of(
                "GIT_INDEX_FILE",
                workspace.dir().resolve(".git/codinspect-checkpoint-index").toString());
        var head = workspace.head();
        if (!head.equals(indexHead)) { // a new commit: start from it; otherwise the index's stat cache saves re-reading
            workspace.required(Workspace.LOCAL_TIMEOUT, index, "prepare a checkpoint", "read-tree", "HEAD");
            indexHead = head;
        }
        workspace.required(Workspace.LOCAL_TIMEOUT, index, "stage a checkpoint", "add", "--all");
        return single(workspace.required(Workspace.LOCAL_TIMEOUT, index, "write a checkpoint", "write-tree"));
    }

    private String treeOf(String commit) {
        return single(workspace.required(
                Workspace.LOCAL_TIMEOUT, "read a tree", "rev-parse", "--verify", commit + "^{tree}"));
    }

    private static String single(io.codinspect.supervisor.boundary.Command.Result result) {
        return result.tail().getLast().trim();
    }

    /** A commit's author line: {@code Name <email> 1700000000 +0000}. */
    private record Author(String name, String email, String time) {
        static Author parse(String line) {
            var open = line.lastIndexOf('<');
            var close = line.lastIndexOf('>');
            if (open < 0 || close < open) {
                return new Author("CodInspect", "codinspect@users.noreply.codinspect.invalid", "");
            }
            return new Author(
                    line.substring(0, open).trim(),
                    line.substring(open + 1, close),
                    line.substring(close + 1).trim());
        }
    }
}
