package io.codinspect.controlplane.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.controlplane.session.RepositoryLocations.Rule;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.testkit.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of what may be a session's repository, on a local and on a remote sandbox provider. */
class RepositoryLocationsTest {

    @TempDir
    Path dir;

    private Path dataDir;
    private RepositoryLocations local;
    private RepositoryLocations kubernetes;

    @BeforeEach
    void facts() throws IOException {
        dataDir = Files.createDirectories(dir.resolve("data"));
        local = new RepositoryLocations(true, dataDir);
        kubernetes = new RepositoryLocations(false, dataDir);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/acme/widgets.git",
                "http://git.internal:8080/acme/widgets.git",
                "ssh://git@github.com/acme/widgets.git",
                "ssh://git.internal:2222/srv/widgets.git",
                "git://git.internal/widgets.git",
                "git@github.com:acme/widgets.git",
                "deploy@[::1]:widgets.git"
            })
    void acceptsEachAllowedKindOfRemoteAsItIsOnEveryProvider(String value) {
        assertThat(local.accept(value)).isEqualTo(value);
        assertThat(kubernetes.accept(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/a b.git", "https://h/r.git\n", "/tmp/x\t", "git@h:r\u0000", "h\u2028"})
    void refusesWhitespaceLineBreaksAndControlCharacters(String value) {
        assertBroken(value, Rule.PRINTABLE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-uevil@host:path",
                "--upload-pack=touch",
                "ssh://-oProxyCommand=touch/x",
                "ssh://-l@host/x",
                "git@-oProxyCommand=x:path",
                "git@host:-path"
            })
    void refusesValuesOrComponentsGitCouldReadAsOptions(String value) {
        assertBroken(value, Rule.NO_OPTIONS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://x/y",
                "ext::sh",
                "fd::17",
                "HTTPS://github.com/a/b",
                "host:path",
                "relative/path",
                "./repo",
                "~/repo",
                "owner/name"
            })
    void refusesUnknownSchemesRemoteHelpersAndOtherForms(String value) {
        assertBroken(value, Rule.KNOWN_FORM);
    }

    @Test
    void refusesGitsExtTransportWhicheverRuleCatchesItFirst() {
        assertThatThrownBy(() -> local.accept("ext::sh -c touch% /tmp/pwned"))
                .isInstanceOf(ControlPlaneException.class);
        assertThat(Path.of("/tmp/pwned")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com",
                "https://github.com/",
                "https://gith%75b.com/a/b",
                "https://host:port/a",
                "file://localhost/srv/repo",
                "file://srv/repo",
                "file:///srv/re%70o"
            })
    void refusesMalformedUrls(String value) {
        assertBroken(value, Rule.WELL_FORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:secret@github.com/acme/widgets.git",
                "https://ghp_0123456789abcdef@github.com/acme/widgets.git",
                "http://user@host/r.git",
                "git://user@host/r.git",
                "ssh://git:secret@github.com/acme/widgets.git",
                "git:secret@github.com:acme/widgets.git",
                "file://me@/srv/repo"
            })
    void refusesCredentialsInTheValueWithoutEchoingThem(String value) {
        assertBroken(value, Rule.NO_CREDENTIALS);
        assertThatThrownBy(() -> local.accept(value))
                .message()
                .doesNotContain("secret")
                .doesNotContain("ghp_")
                .doesNotContain(value);
    }

    @Test
    void refusesLocalPathsAndFileUrlsWhenSandboxesDoNotRunOnThisMachine() {
        var repo = GitRepo.create(dir.resolve("repo")).dir().toString();

        for (var value : new String[] {repo, "file://" + repo}) {
            assertThatThrownBy(() -> kubernetes.accept(value))
                    .isInstanceOf(ControlPlaneException.class)
                    .hasMessageContaining("rule " + Rule.LOCAL_SANDBOXES_ONLY.id());
        }
    }

    @Test
    void acceptsALocalRepositoryOrABareOneAsItsRealPath() throws IOException {
        var repo = GitRepo.create(dir.resolve("repo"));
        var bare = repo.cloneBareTo(dir.resolve("bare.git"));
        var link = Files.createSymbolicLink(dir.resolve("link"), repo.dir());

        assertThat(local.accept(repo.dir().toString()))
                .isEqualTo(repo.dir().toRealPath().toString());
        assertThat(local.accept("file://" + bare.dir()))
                .isEqualTo("file://" + bare.dir().toRealPath());
        assertThat(local.accept(link + "/../link"))
                .isEqualTo(repo.dir().toRealPath().toString());
    }

    @Test
    void refusesLocalPathsThatAreNotGitRepositories() throws IOException {
        var gitFile = Files.createDirectories(dir.resolve("worktree"));
        Files.writeString(gitFile.resolve(".git"), "gitdir: " + dataDir);

        for (var value :
                new String[] {"/etc", "file:///etc", dir.resolve("missing").toString(), gitFile.toString()}) {
            assertBroken(value, Rule.GIT_REPOSITORY);
        }
    }

    @Test
    void refusesTheDataDirectoryAndAnythingReachingIntoIt() throws IOException {
        var inside = GitRepo.create(dataDir.resolve("sandboxes/abc/repo"));
        var link = Files.createSymbolicLink(dir.resolve("innocent"), inside.dir());
        var dotGitLink = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("other"));
        Files.createSymbolicLink(dotGitLink.resolve(".git"), inside.dir().resolve(".git"));

        for (var value : new String[] {
            dataDir.toString(),
            "file://" + dataDir,
            inside.dir().toString(),
            link.toString(),
            "file://" + link,
            dir.resolve("other/../data/sandboxes/abc/repo").toString(),
            dotGitLink.toString()
        }) {
            assertBroken(value, Rule.OUTSIDE_DATA_DIR);
        }
    }

    @Test
    void refusesTheDataDirectoryWhenItIsGivenThroughASymlink() throws IOException {
        var realData = GitRepo.create(dir.resolve("real-data"));
        var viaLink = new RepositoryLocations(true, Files.createSymbolicLink(dir.resolve("data-link"), realData.dir()));

        assertThatThrownBy(() -> viaLink.accept(realData.dir().toString()))
                .hasMessageContaining("rule " + Rule.OUTSIDE_DATA_DIR.id());
    }

    private void assertBroken(String value, Rule rule) {
        assertThatThrownBy(() -> local.accept(value))
                .as(value)
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("rule " + rule.id());
    }
}
