package io.codinspect.controlplane.session;

import io.codinspect.controlplane.sandbox.SandboxProperties;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.EmbeddedPostgresProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What may be given as a session's repository (docs/api.md#repository): the value is handed to
 * git in the sandbox, so whatever git could read as an option, a transport helper or a credential
 * is refused, each with the {@link Rule} it broke and never with the value itself. Two facts decide
 * the rest: local paths mean something only when sandboxes run on this machine, and never inside
 * CodInspect's own data directory.
 */
@Component
class RepositoryLocations {

    /** The rules, each named in the problem detail of a value that breaks it. */
    enum Rule {
        PRINTABLE("printable", "must not contain whitespace, line breaks or control characters"),
        NO_OPTIONS(
                "no-options",
                "must not start with '-', nor have a host, user or path starting with '-', which git could read"
                        + " as an option"),
        KNOWN_FORM(
                "known-form",
                "must be a git URL (https://, http://, ssh://, git://, file:///), user@host:path, an absolute path"
                        + " of a local repository, or owner/name of a GitHub repository when a GitHub App is"
                        + " configured; git remote helpers (transport::address) are not accepted"),
        WELL_FORMED(
                "well-formed",
                "a URL needs a host name (letters, digits, dots, dashes), an optional numeric port and a path;"
                        + " a file URL is file:///absolute/path without percent-escapes"),
        NO_CREDENTIALS(
                "no-credentials",
                "must not carry a password or token: http(s), git and file URLs take no user name at all, ssh"
                        + " takes a user name only; CodInspect's GitHub App or the sandbox's own credentials"
                        + " authenticate"),
        LOCAL_SANDBOXES_ONLY(
                "local-sandboxes-only",
                "local paths and file:// URLs are accepted only when sandboxes run on this machine"
                        + " (codinspect.sandbox.provider=local)"),
        GIT_REPOSITORY(
                "git-repository",
                "a local path must be a git repository on this host (a folder with a .git folder, or a bare"
                        + " repository)"),
        OUTSIDE_DATA_DIR("outside-data-dir", "a local path must not lie inside CodInspect's data directory"),
        ALLOWED_ROOT(
                "allowed-root",
                "a local path must lie under one of codinspect.sandbox.local.repository-roots, unless an admin"
                        + " gives it (this machine's repositories are the operator's)");

        private final String id;
        private final String explanation;

        Rule(String id, String explanation) {
            this.id = id;
            this.explanation = explanation;
        }

        String id() {
            return id;
        }

        ControlPlaneException broken() {
            return ControlPlaneException.badRequest("repository " + explanation + " (rule " + id + ")");
        }
    }

    private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
    private static final Pattern REMOTE_HELPER = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*::.*");
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(.*)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern HOST_PORT = Pattern.compile("(" + HOST.pattern() + ")(?::\\d{1,5})?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SCP = Pattern.compile("([^@/:]+)@(\\[[^\\]/]*]|[^/:\\[]+):(.+)");

    private final boolean localPaths;
    private final Path dataDir;
    private final java.util.List<Path> roots;

    @Autowired
    RepositoryLocations(
            SandboxProperties sandboxes,
            EmbeddedPostgresProperties data,
            io.codinspect.controlplane.sandbox.local.LocalSandboxProperties local) {
        this("local".equals(sandboxes.provider()), data.dataDir(), local.repositoryRoots());
    }

    RepositoryLocations(boolean localPaths, Path dataDir) {
        this(localPaths, dataDir, java.util.List.of());
    }

    /**
     * @param localPaths whether sandboxes run on this machine, where a local path means something
     * @param dataDir CodInspect's data directory, which no repository may point into
     * @param roots the folders under which anyone may name a local repository (admins name any)
     */
    RepositoryLocations(boolean localPaths, Path dataDir, java.util.List<Path> roots) {
        this.localPaths = localPaths;
        this.dataDir = dataDir;
        this.roots = java.util.List.copyOf(roots);
    }

    /**
     * The repository to store for {@code value}: the value itself, or for a local repository its
     * real path (symlinks resolved), so what was checked is what the sandbox clones.
     *
     * @throws ControlPlaneException a 400 naming the rule the value breaks
     */
    String accept(String value) {
        return accept(value, true);
    }

    /**
     * The same, for a person who is an admin or not: anyone may name remote repositories, but a
     * repository on this machine only an admin, or anyone under {@code repository-roots}.
     */
    String accept(String value, boolean admin) {
        if (!value.codePoints().allMatch(RepositoryLocations::printable)) {
            throw Rule.PRINTABLE.broken();
        }
        if (value.startsWith("-")) {
            throw Rule.NO_OPTIONS.broken();
        }
        if (REMOTE_HELPER.matcher(value).matches()) {
            throw Rule.KNOWN_FORM.broken();
        }
        var url = URL.matcher(value);
        if (url.matches()) {
            return url(value, url.group(1), url.group(2), url.group(3), admin);
        }
        if (value.startsWith("/")) {
            return localPath(value, admin);
        }
        var at = value.indexOf('@');
        if (at > 0 && value.substring(0, at).contains(":")) {
            throw Rule.NO_CREDENTIALS.broken(); // user:password@host:path
        }
        var scp = SCP.matcher(value);
        if (scp.matches()) {
            scp(scp.group(1), scp.group(2), scp.group(3));
            return value;
        }
        throw Rule.KNOWN_FORM.broken();
    }

    private String url(String value, String scheme, String authority, String path, boolean admin) {
        if (!SCHEMES.contains(scheme)) {
            throw Rule.KNOWN_FORM.broken();
        }
        var at = authority.lastIndexOf('@');
        if (at >= 0) {
            var user = authority.substring(0, at);
            if (!scheme.equals("ssh") || !USER.matcher(user).matches()) {
                throw Rule.NO_CREDENTIALS.broken();
            }
            if (user.startsWith("-")) {
                throw Rule.NO_OPTIONS.broken();
            }
            authority = authority.substring(at + 1);
        }
        if (scheme.equals("file")) {
            if (!authority.isEmpty() || !path.startsWith("/") || path.contains("%")) {
                throw Rule.WELL_FORMED.broken();
            }
            return "file://" + localPath(path, admin);
        }
        if (authority.startsWith("-")) {
            throw Rule.NO_OPTIONS.broken();
        }
        if (!HOST_PORT.matcher(authority).matches() || path.length() < 2) {
            throw Rule.WELL_FORMED.broken();
        }
        return value;
    }

    private static void scp(String user, String host, String path) {
        if (!USER.matcher(user).matches()) {
            throw Rule.KNOWN_FORM.broken();
        }
        if (user.startsWith("-") || host.startsWith("-") || path.startsWith("-")) {
            throw Rule.NO_OPTIONS.broken();
        }
        if (!HOST.matcher(host).matches()) {
            throw Rule.WELL_FORMED.broken();
        }
    }

    private String localPath(String value, boolean admin) {
        if (!localPaths) {
            throw Rule.LOCAL_SANDBOXES_ONLY.broken();
        }
        Path real;
        Path gitDir;
        try {
            real = Path.of(value).toRealPath();
            gitDir = Files.isDirectory(real.resolve(".git"))
                    ? real.resolve(".git").toRealPath()
                    : real;
        } catch (IOException | RuntimeException e) {
            throw Rule.GIT_REPOSITORY.broken();
        }
        if (inDataDir(real) || inDataDir(gitDir)) {
            throw Rule.OUTSIDE_DATA_DIR.broken();
        }
        if (gitDir.equals(real) && !bare(real)) {
            throw Rule.GIT_REPOSITORY.broken();
        }
        if (!admin && roots.stream().noneMatch(root -> real.startsWith(realOrAbsolute(root)))) {
            throw Rule.ALLOWED_ROOT.broken();
        }
        return real.toString();
    }

    private static boolean bare(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD"))
                && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"));
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private boolean inDataDir(Path real) {
        Path data;
        try {
            data = dataDir.toRealPath();
        } catch (IOException e) {
            data = dataDir.toAbsolutePath().normalize();
        }
        return real.startsWith(data);
    }

    private static boolean printable(int c) {
        return !Character.isISOControl(c)
                && !Character.isWhitespace(c)
                && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT;
    }
}
