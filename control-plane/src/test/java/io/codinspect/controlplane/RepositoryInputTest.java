package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A session's repository through the API, on a control plane whose sandboxes run on this machine
 * ({@code provider: local}): every value git could misread, a credential, a path that is no
 * repository or reaches into the data directory is a 400 naming its rule and creates nothing; one
 * value of each allowed kind is accepted.
 */
@ExtendWith(OutputCaptureExtension.class)
class RepositoryInputTest {

    private static final String PASSWORD = "hunter2-pa55w0rd";

    @TempDir
    static Path dir;

    private static Path dataDir;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createDirectories(dir.resolve("data"));
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.sandbox.provider", "local",
                "codinspect.data-dir", dataDir.toString(),
                "codinspect.sandbox.local.repository-roots[0]", dir.toString()));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void optionLikeValuesAreRefused() {
        assertRefused("-uevil@host:path", "no-options");
        assertRefused("ssh://-oProxyCommand=touch%20x/y", "no-options");
    }

    @Test
    void gitsExtTransportAndUnknownSchemesAreRefused() {
        var pwned = dir.resolve("pwned");

        assertRefused("ext::sh -c touch% " + pwned, "printable");
        assertRefused("ext::sh", "known-form");
        assertRefused("ftp://x/y", "known-form");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNeverEchoedOrLogged(CapturedOutput output) {
        var response = assertRefused("https://u:" + PASSWORD + "@host/r.git", "no-credentials");
        assertRefused("https://ghp_" + PASSWORD + "@github.com/acme/widgets.git", "no-credentials");

        assertAccepted("https://host/r.git", "https://host/r.git");

        assertThat(response.body()).doesNotContain(PASSWORD);
        assertThat(output.getAll()).as("the log is captured").contains("Created session=");
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void localPathsMustBeGitRepositories() throws IOException {
        var notARepo = Files.createDirectories(dir.resolve("plain-folder"));

        assertRefused("file:///etc", "git-repository");
        assertRefused(notARepo.toString(), "git-repository");
        assertRefused("file://" + notARepo, "git-repository");
        assertRefused(dir.resolve("missing").toString(), "git-repository");
    }

    @Test
    void nothingInsideTheDataDirectoryIsAcceptedEvenThroughASymlink() throws IOException {
        var inside = GitRepo.create(dataDir.resolve("sandboxes/other-session/repo"));
        var link = Files.createSymbolicLink(dir.resolve("looks-harmless"), inside.dir());

        assertRefused("file://" + dataDir, "outside-data-dir");
        assertRefused(inside.dir().toString(), "outside-data-dir");
        assertRefused(link.toString(), "outside-data-dir");
        assertRefused("file://" + link, "outside-data-dir");
    }

    @Test
    void oneValueOfEachAllowedKindIsAccepted() throws IOException {
        var repo = GitRepo.create(dir.resolve("origin"));
        var bare = repo.cloneBareTo(dir.resolve("origin.git"));
        var real = repo.dir().toRealPath().toString();

        for (var value : new String[] {
            "https://github.com/acme/widgets.git",
            "http://git.internal:8080/acme/widgets.git",
            "ssh://git@github.com/acme/widgets.git",
            "git://git.internal/widgets.git",
            "git@github.com:acme/widgets.git"
        }) {
            assertAccepted(value, value);
        }
        assertAccepted(repo.dir().toString(), real);
        assertAccepted("file://" + bare.dir(), "file://" + bare.dir().toRealPath());
    }

    @Test
    void aRepositoryOfThisMachineOutsideTheAllowedRootsIsAnAdminsToName(@TempDir Path elsewhere) throws IOException {
        var outside = GitRepo.create(elsewhere.resolve("private-repo"));

        assertRefused(outside.dir().toString(), "allowed-root");
        assertRefused("file://" + outside.dir(), "allowed-root");
        var byAdmin = controlPlane
                .admin()
                .post("/api/sessions", Map.of("repository", outside.dir().toString()));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(201);
    }

    private static void assertAccepted(String value, String stored) {
        var created = alice.post("/api/sessions", Map.of("repository", value));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("repository")).isEqualTo(stored);
    }

    private static ApiClient.Response assertRefused(String value, String rule) {
        var before = sessionCount();

        var response = alice.post("/api/sessions", Map.of("repository", value));

        assertThat(response.status()).as(value + ": " + response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("detail")).contains("(rule " + rule + ")");
        assertThat(sessionCount()).as("nothing created for " + value).isEqualTo(before);
        return response;
    }

    private static long sessionCount() {
        return alice.get("/api/sessions?size=1").json().get("totalItems").asLong();
    }
}
