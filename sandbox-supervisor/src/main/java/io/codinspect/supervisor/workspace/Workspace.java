package io.codinspect.supervisor.workspace;

import io.codinspect.supervisor.SupervisorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The session's git clone: clone, branch, commit as the prompting user, push. Uses the git CLI. */
public final class Workspace {

    private static final Duration NETWORK_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LOCAL_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern CREDENTIALS = Pattern.compile("://[^/@\\s]+@");
    private static final Map<String, String> GIT_ENV = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ASKPASS", "true");

    private final String repository;
    private final Path dir;
    private final String credentialHelper;

    /** @param credentialHelper git's credential helper for the clone's remote, or null for none */
    public Workspace(String repository, Path dir, String credentialHelper) {
        this.repository = repository;
        this.dir = dir;
        this.credentialHelper = credentialHelper;
    }

    public Workspace(String repository, Path dir) {
        this(repository, dir, null);
    }

    public Path dir() {
        return dir;
    }

    /** Creates the clone's folder, empty, so that the agent can start in it while the clone runs. */
    public void createEmpty() {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new SupervisorException("cannot create the workspace: " + e.getMessage(), e);
        }
    }

    /** A shallow clone of the base branch (into the clone's folder, which may exist if empty). */
    public void cloneBaseBranch(String baseBranch) {
        createEmpty();
        var result = Command.run(
                withCredentials(
                        "clone",
                        "--quiet",
                        "--depth",
                        "1",
                        "--no-tags",
                        "--branch",
                        baseBranch,
                        source(),
                        dir.getFileName().toString()),
                dir.getParent(),
                GIT_ENV,
                NETWORK_TIMEOUT);
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
        var remote = git(NETWORK_TIMEOUT, "ls-remote", "--heads", "origin", "refs/heads/" + branch);
        if (!remote.ok()) {
            throw new SupervisorException(
                    "Could not read the branches of " + redact(repository) + ": " + redact(describe(remote)));
        }
        var exists = remote.tail().stream().anyMatch(line -> line.endsWith("refs/heads/" + branch));
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

    /** Makes the prompting user the author of commits, the agent's own included. */
    public void configureAuthor(String name, String email) {
        required(LOCAL_TIMEOUT, "set the author", "config", "user.name", name);
        required(LOCAL_TIMEOUT, "set the author", "config", "user.email", email);
    }

    public String head() {
        var result = required(LOCAL_TIMEOUT, "read HEAD", "rev-parse", "HEAD");
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

    public void push(String branch) {
        var result = git(NETWORK_TIMEOUT, "push", "--quiet", "origin", "HEAD:refs/heads/" + branch);
        if (!result.ok()) {
            throw new SupervisorException(
                    "Could not push " + branch + " to " + redact(repository) + ": " + redact(describe(result)));
        }
    }

    private Command.Result required(Duration timeout, String what, String... args) {
        var result = git(timeout, args);
        if (!result.ok()) {
            throw new SupervisorException("git could not " + what + ": " + redact(describe(result)));
        }
        return result;
    }

    private Command.Result git(Duration timeout, String... args) {
        return Command.run(withCredentials(args), dir, GIT_ENV, timeout);
    }

    /** {@code git} with only this sandbox's credential helper (any inherited helper is reset first). */
    private List<String> withCredentials(String... args) {
        var command = new ArrayList<String>();
        command.add("git");
        if (credentialHelper != null) {
            command.addAll(List.of("-c", "credential.helper=", "-c", "credential.helper=" + credentialHelper));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Makes the agent's own git calls in the clone use the same credential helper. */
    public void configureCredentials() {
        if (credentialHelper != null) {
            required(LOCAL_TIMEOUT, "set the credential helper", "config", "credential.helper", credentialHelper);
        }
    }

    /** Absolute paths become file:// URLs so that the clone really is shallow. */
    private String source() {
        return repository.startsWith("/") ? "file://" + repository : repository;
    }

    private static String describe(Command.Result result) {
        return result.timedOut() ? "timed out" : result.tailText().strip();
    }

    /** Hides credentials written into URLs ({@code https://user:token@host}). */
    public static String redact(String text) {
        return CREDENTIALS.matcher(text).replaceAll("://***@");
    }
}
