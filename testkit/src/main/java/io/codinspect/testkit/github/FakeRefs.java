package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * GitHub's Git references API over a bare repository: {@code GET /repos/{o}/{r}/git/ref/{ref}} (and
 * the older {@code refs/{ref}}) and {@code DELETE /repos/{o}/{r}/git/refs/{ref}}, for any ref.
 */
final class FakeRefs {

    static final Pattern REFS = Pattern.compile("/repos/([^/]+)/([^/]+)/git/refs?/(.+)");

    private FakeRefs() {}

    static void handle(HttpExchange exchange, String method, FakeRepo repo, String ref, String apiUrl)
            throws IOException {
        var full = "refs/" + ref;
        var sha = git(repo, "rev-parse", "--verify", "--quiet", full);
        if (sha == null) {
            FakeGitHub.send(
                    exchange, method.equals("DELETE") ? 422 : 404, Map.of("message", "Reference does not exist"));
        } else if (method.equals("DELETE")) {
            git(repo, "update-ref", "-d", full);
            exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("GET")) {
            FakeGitHub.send(
                    exchange,
                    200,
                    Map.of(
                            "ref",
                            full,
                            "url",
                            apiUrl + "/repos/" + repo.fullName() + "/git/" + full,
                            "object",
                            Map.of("type", "commit", "sha", sha)));
        } else {
            FakeGitHub.send(exchange, 405, Map.of("message", "Method not allowed"));
        }
    }

    /** The output of a git command in the bare repository, or null when it failed. */
    private static String git(FakeRepo repo, String... args) throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add("git");
        command.addAll(java.util.List.of(args));
        var process = new ProcessBuilder(command)
                .directory(repo.bare().toFile())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return process.exitValue() == 0 ? output : null;
    }
}
