package io.codinspect.testkit.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a bare repository's branches with the git CLI, in GitHub's JSON shape. */
final class Bare {

    private Bare() {}

    static List<Map<String, Object>> branches(Path bare) throws IOException {
        var process = new ProcessBuilder(
                        "git", "for-each-ref", "--format=%(refname:short) %(objectname)", "--", "refs/heads")
                .directory(bare.toFile())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.lines()
                .filter(line -> line.contains(" "))
                .map(line -> line.split(" "))
                .map(parts ->
                        Map.<String, Object>of("name", parts[0], "commit", Map.of("sha", parts[1]), "protected", false))
                .toList();
    }
}
