package io.codinspect.testkit.github;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An installation token the fake GitHub issued, as it was asked for.
 *
 * @param value the token
 * @param repositories the names (without owner) it is narrowed to; empty for every repository of
 *     the installation, as GitHub does when none are named
 * @param permissions what it may do, e.g. {@code contents=write}: the ones asked for, or all of
 *     the App's when none were
 */
public record IssuedToken(String value, Instant expiresAt, List<String> repositories, Map<String, String> permissions) {

    public IssuedToken {
        repositories = List.copyOf(repositories);
        permissions = Map.copyOf(permissions);
    }

    /** Whether the token reaches {@code name}, a repository of the installation's account. */
    public boolean reaches(String name) {
        return repositories.isEmpty() || repositories.contains(name);
    }

    /** Whether the token may write the repositories' contents (push). */
    public boolean canWriteContents() {
        return "write".equals(permissions.get("contents"));
    }

    @Override
    public String toString() {
        return "IssuedToken[repositories=" + repositories + ", permissions=" + permissions + "]";
    }
}
