package io.codinspect.supervisor.workspace;

import io.codinspect.supervisor.SupervisorException;
import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The session's git clone: clone, branch, commit as the prompting user, push. Uses the git CLI,
 * always inside the agent's {@link Boundary} (the clone's configuration and hooks are the agent's
 * to write), and with the clone's hooks, fsmonitor and signing turned off for our own commands.
 */
public final class Workspace {

    static final Duration NETWORK_TIMEOUT = Duration.ofMinutes(5);
    static final Duration LOCAL_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern CREDENTIALS = Pattern.compile("://[^/@\\s]+@");
    private static final Map<String, String> GIT_ENV = Map.of(
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_ASKPASS", "true",
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_NO_REPLACE_OBJECTS", "1");
    /** What a clone's configuration may not do to our own git commands. */
    private static final List<String> NEUTRAL = List.of(
            "-c", "core.hooksPath=/dev/null",
            "-c", "core.fsmonitor=false",
            "-c", "core.untrackedCache=false",
            "-c", "commit.gpgSign=false",
            "-c", "tag.gpgSign=false",
            "-c", "diff.external=",
            "-c", "submodule.recurse=false",
            "-c", "push.recurseSubmodules=no",
            "-c", "push.followTags=false",
            "-c", "fetch.recurseSubmodules=false",
            "-c", "rerere.enabled=false",
            "-c", "core.attributesFile=/dev/null",
            "-c", "protocol.ext.allow=never");

    private final String repository;
    private final String cloneUrl;
    private final Path dir;
    private final String credentialHelper;
    private final Boundary boundary;

    /**
     * @param repository the session's repository, as people know it (for messages)
     * @param cloneUrl where git reaches it from inside the boundary
     * @param credentialHelper git's credential helper for the clone's remote, or null for none
     */
    public Workspace(String repository, String cloneUrl, Path dir, String credentialHelper, Boundary boundary) {
        this.repository = repository;
        this.cloneUrl = cloneUrl;
        this.dir = dir;
        this.credentialHelper = credentialHelper;
        this.boundary = boundary;
    }

    public Path dir() {
        return dir;
    }

    public Boundary boundary() {
        return boundary;
    }

    /** Creates the clone's folder, empty, so that the agent can start in it while the clone runs. */
    public void createEmpty() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                boundary.handOver(dir);
            }
        } catch (IOException e) {
            throw new SupervisorException("cannot create the workspace: " + e.getMessage(), e);
        }
    }

    /** A shallow clone of the base branch into the clone's folder (which may exist if empty). */
    public void cloneBaseBranch(String baseBranch) {
        createEmpty();
        var result = git(
                NETWORK_TIMEOUT,
                "clone",
                "--quiet",
                "--depth",
                "1",
                "--no-tags",
                "--branch",
                baseBranch,
                "--",
                source(),
                ".");
        if (!result.ok()) {
            throw new SupervisorException("Could not clone " + redact(repository) + " (branch " + baseBranch + "): "
                    + redact(describe(result)));
        }
    }

    /**
     * Checks out the session branch: the origin's copy if it exists (a new sandbox continues where
     * the last one stopped), otherwise a new branch from the base.
     *
     * @return whether an existing branch was resumed
     */
    public boolean checkoutSessionBranch(String branch) {
        var exists = remoteHead("refs/heads/" + branch) != null;
        if (exists) {
            required(
                    NETWORK_TIMEOUT,
                    "fetch session branch",
                    "fetch",
                    "--quiet",
                    "--no-tags",
                    "--depth",
                    "100",
                    "origin",
                    "+refs/heads/" + branch + ":refs/remotes/origin/" + branch);
            required(LOCAL_TIMEOUT, "check out " + branch, "checkout", "--quiet", "-B", branch, "origin/" + branch);
        } else {
            required(LOCAL_TIMEOUT, "create " + branch, "checkout", "--quiet", "-b", branch);
        }
        return exists;
    }

    /** The commit id of {@code ref} at the origin, or null when it has none. */
    String remoteHead(String ref) {
        var remote = git(NETWORK_TIMEOUT, "ls-remote", "origin", ref);
        if (!remote.ok()) {
            throw new SupervisorException(
                    "Could not read the refs of " + redact(repository) + ": " + redact(describe(remote)));
        }
        return remote.tail().stream()
                .filter(line -> line.endsWith("\t" + ref))
                .map(line -> line.substring(0, line.indexOf('\t')))
                .findFirst()
                .orElse(null);
    }

    /** Makes the prompting user the author of commits, the agent's own included. */
    public void configureAuthor(String name, String email) {
        required(LOCAL_TIMEOUT, "set the author", "config", "user.name", name);
        required(LOCAL_TIMEOUT, "set the author", "config", "user.email", email);
    }

    public String head() {
        var result = required(LOCAL_TIMEOUT, "read HEAD", "rev-parse", "--verify", "HEAD");
        return result.tail().getLast().trim();
    }

    /** Commits everything left uncommitted. Returns false when there was nothing to commit. */
    public boolean commitAll(String message) {
        required(LOCAL_TIMEOUT, "stage changes", "add", "--all");
        var status = required(LOCAL_TIMEOUT, "read the status", "status", "--porcelain");
        if (status.tail().stream().allMatch(String::isBlank)) {
            return false;
        }
        required(LOCAL_TIMEOUT, "commit", "commit", "--quiet", "--no-verify", "-m", message);
        return true;
    }

    /**
     * Puts the clone back as it was: {@code branch} checked out at {@code head}, the working tree
     * and index as that commit has them, untracked files gone (ignored ones, like build output, stay).
     */
    public void restore(String branch, String head) {
        // a rebase, merge or cherry-pick the agent left half done is forgotten (its changes go below)
        git(LOCAL_TIMEOUT, "rebase", "--quit");
        git(LOCAL_TIMEOUT, "cherry-pick", "--quit");
        git(LOCAL_TIMEOUT, "merge", "--quit");
        required(LOCAL_TIMEOUT, "return to " + branch, "checkout", "--quiet", "--force", "-B", branch, head);
        required(LOCAL_TIMEOUT, "undo changes", "reset", "--quiet", "--hard", head);
        required(LOCAL_TIMEOUT, "remove new files", "clean", "--quiet", "-d", "--force");
    }

    /** What bringing in the origin's copy of the branch before a push did. */
    public sealed interface Integration {
        /** The origin's branch is where this clone left it, or behind HEAD, or gone: a plain push will do. */
        record UpToDate() implements Integration {}

        /** Someone pushed to the branch meanwhile: this clone's commits now sit on top of their {@code onto}. */
        record Rebased(String onto) implements Integration {}

        /** Their commits and this clone's change the same lines of {@code files}; HEAD is as it was. */
        record Conflict(String onto, List<String> files) implements Integration {}
    }

    /**
     * Puts this clone's own commits — those after {@code since} (its last push, or where the branch
     * started) and not already on the origin — on top of the origin's {@code branch} when it moved
     * meanwhile: a person's commit pushed while the agent worked is kept, never overwritten. A
     * rebase that conflicts is undone and reported; any other failure is thrown.
     */
    public Integration integrate(String branch, String since) {
        var remote = remoteHead("refs/heads/" + branch);
        if (remote == null || contains(remote)) {
            return new Integration.UpToDate();
        }
        var tracking = "refs/remotes/origin/" + branch;
        required(
                NETWORK_TIMEOUT,
                "fetch " + branch,
                "fetch",
                "--quiet",
                "--no-tags",
                "origin",
                "+refs/heads/" + branch + ":" + tracking);
        var onto = required(LOCAL_TIMEOUT, "read " + branch, "rev-parse", "--verify", tracking + "^{commit}")
                .tail()
                .getLast()
                .strip();
        // what the origin has of this clone's commits (the agent's own push) is not replayed
        var from = since;
        var base = git(LOCAL_TIMEOUT, "merge-base", "HEAD", onto);
        if (base.ok() && ancestor(since, base.tail().getLast().strip())) {
            from = base.tail().getLast().strip();
        }
        var rebase = git(
                LOCAL_TIMEOUT,
                "-c",
                "rebase.autoStash=false",
                "-c",
                "rebase.updateRefs=false",
                "rebase",
                "--quiet",
                "--onto",
                onto,
                from);
        if (rebase.ok()) {
            return new Integration.Rebased(onto);
        }
        var conflicted = git(LOCAL_TIMEOUT, "diff", "--name-only", "--diff-filter=U").tail().stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (Files.isDirectory(dir.resolve(".git/rebase-merge"))
                || Files.isDirectory(dir.resolve(".git/rebase-apply"))) {
            required(LOCAL_TIMEOUT, "undo the rebase", "rebase", "--abort");
        }
        if (conflicted.isEmpty()) {
            throw new SupervisorException(
                    "git could not put the agent's commits onto " + branch + ": " + redact(describe(rebase)));
        }
        return new Integration.Conflict(onto, conflicted);
    }

    /** Whether {@code commit} is HEAD or one of its ancestors (false when this clone does not have it). */
    private boolean contains(String commit) {
        return ancestor(commit, "HEAD");
    }

    private boolean ancestor(String commit, String of) {
        return git(LOCAL_TIMEOUT, "merge-base", "--is-ancestor", commit, of).ok();
    }

    public void push(String branch) {
        var result = git(NETWORK_TIMEOUT, "push", "--quiet", "--no-verify", "origin", "HEAD:refs/heads/" + branch);
        if (!result.ok()) {
            throw new SupervisorException(
                    "Could not push " + branch + " to " + redact(repository) + ": " + redact(describe(result)));
        }
    }

    Command.Result required(Duration timeout, String what, String... args) {
        return required(timeout, Map.of(), what, args);
    }

    Command.Result required(Duration timeout, Map<String, String> env, String what, String... args) {
        var result = git(timeout, env, args);
        if (!result.ok()) {
            throw new SupervisorException("git could not " + what + ": " + redact(describe(result)));
        }
        return result;
    }

    Command.Result git(Duration timeout, String... args) {
        return git(timeout, Map.of(), args);
    }

    /** {@code git} in the clone, inside the boundary, neutralised, with only this sandbox's credential helper. */
    Command.Result git(Duration timeout, Map<String, String> env, String... args) {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(NEUTRAL);
        if (credentialHelper != null) {
            command.addAll(List.of("-c", "credential.helper=", "-c", "credential.helper=" + credentialHelper));
        }
        command.addAll(List.of(args));
        var fullEnv = new java.util.HashMap<>(GIT_ENV);
        fullEnv.putAll(env);
        return boundary.run(command, dir, fullEnv, timeout);
    }

    /** Makes the agent's own git calls in the clone use the same credential helper. */
    public void configureCredentials() {
        if (credentialHelper != null) {
            required(LOCAL_TIMEOUT, "set the credential helper", "config", "credential.helper", credentialHelper);
        }
    }

    /** Absolute paths become file:// URLs so that the clone really is shallow. */
    private String source() {
        return cloneUrl.startsWith("/") ? "file://" + cloneUrl : cloneUrl;
    }

    static String describe(Command.Result result) {
        return result.timedOut() ? "timed out" : result.tailText().strip();
    }

    /** Hides credentials written into URLs ({@code https://user:token@host}). */
    public static String redact(String text) {
        return CREDENTIALS.matcher(text).replaceAll("://***@");
    }
}
