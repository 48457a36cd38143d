package io.codinspect.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository on disk, driven with the git CLI: the origin that sandboxes clone and push
 * to. Options are always ended before arguments ({@code --} before paths, {@code --end-of-options}
 * before revisions), so no argument is ever read as an option.
 */
public final class GitRepo {

    private final Path dir;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** A repository with one commit on {@code main} holding {@code README.md}. */
    public static GitRepo create(Path dir) {
        var repo = new GitRepo(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        repo.git("init", "--quiet", "--initial-branch=main");
        return repo.commit("Initial commit", "README.md", "# Test repository\n");
    }

    /** A bare repository without any commit or branch, as a server holds a repository just created. */
    public static GitRepo createEmptyBare(Path dir) {
        var repo = new GitRepo(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        repo.git("init", "--quiet", "--bare", "--initial-branch=main");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a file on the checked-out branch and commits it as a test author. */
    public GitRepo commit(String message, String file, String content) {
        try {
            var path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git("add", "--", file);
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message);
        return this;
    }

    /** A bare copy of this repository at {@code target}, as a server would hold it. */
    public GitRepo cloneBareTo(Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git("clone", "--quiet", "--bare", "--", dir.toString(), target.toString());
        return new GitRepo(target);
    }

    public boolean hasBranch(String branch) {
        return run("rev-parse", "--verify", "--quiet", "--end-of-options", "refs/heads/" + branch).exitCode == 0;
    }

    /** A file's content at a revision. */
    public String show(String revision, String file) {
        return git("show", "--end-of-options", revision + ":" + file);
    }

    /** Commits on {@code branch} not on {@code main}, newest first, as "author name|email|subject". */
    public List<String> commitsSinceMain(String branch) {
        var out = git("log", "--format=%an|%ae|%s", "--end-of-options", "main.." + branch);
        return out.isBlank() ? List.of() : out.lines().toList();
    }

    public String head(String branch) {
        return git("rev-parse", "--verify", "refs/heads/" + branch).strip(); // rev-parse would echo --end-of-options
    }

    /**
     * Pushes {@code refspec} to {@code url} with HTTP Basic credentials, sent in a header from the
     * environment (never on a command line, never asked for); whether the remote took it.
     */
    public boolean pushTo(String url, String user, String password, String refspec) {
        return run(basicAuth(user, password), "push", "--quiet", "--", url, refspec).exitCode == 0;
    }

    /** Whether {@code revision} exists here and holds {@code file}. */
    public boolean hasFile(String revision, String file) {
        return run("cat-file", "-e", "--end-of-options", revision + ":" + file).exitCode == 0;
    }

    /** Whether {@code url} can be read with HTTP Basic credentials ({@code git ls-remote}). */
    public boolean canRead(String url, String user, String password) {
        return run(basicAuth(user, password), "ls-remote", "--quiet", "--", url).exitCode == 0;
    }

    private static Map<String, String> basicAuth(String user, String password) {
        var basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of(
                "GIT_TERMINAL_PROMPT", "0",
                "GIT_CONFIG_COUNT", "2",
                "GIT_CONFIG_KEY_0", "http.extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: Basic " + basic,
                "GIT_CONFIG_KEY_1", "credential.helper",
                "GIT_CONFIG_VALUE_1", "");
    }

    /** Runs git in this repository; its output, or an exception when it fails. */
    public String git(String... args) {
        var result = run(args);
        if (result.exitCode != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + result.output);
        }
        return result.output;
    }

    private record Result(int exitCode, String output) {}

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> environment, String... args) {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
