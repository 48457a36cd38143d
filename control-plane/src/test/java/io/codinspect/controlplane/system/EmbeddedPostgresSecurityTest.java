package io.codinspect.controlplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.controlplane.SimulatedSandboxes;
import io.codinspect.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default database as {@code ./codinspect up} starts it, through the real
 * {@link EmbeddedPostgresConfiguration}: only the stored password logs in, writes are durable, and
 * a data directory from the days of zonky's defaults (trust, no password) is converted with its data.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresSecurityTest {

    /** Shared by the tests that need no fresh directory: the binaries are unpacked once. */
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void anotherEmbeddedPostgresRunsInThisJvmWithZonkysDefaults() {
        // zonky remembers its binaries per JVM; ours must still be found where we unpack them
        TestPostgres.newDatabase();
    }

    @Test
    void aLoginWithoutThePasswordIsRefused() {
        embedded(dataDir).run(context -> {
            var url = "jdbc:postgresql://localhost:" + port(context) + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"))
                    .hasMessageContaining(
                            "The server requested SCRAM-based authentication, but no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"))
                    .hasMessageContaining("password authentication failed for user \"postgres\"");
        });
    }

    @Test
    void theStoredPasswordLogsInAndTheApplicationsDataSourceUsesIt() {
        embedded(dataDir).run(context -> {
            var stored = Files.readString(dataDir.resolve("postgres.password")).strip();
            var url = "jdbc:postgresql://localhost:" + port(context) + "/postgres";
            try (var connection = DriverManager.getConnection(url, "postgres", stored)) {
                assertThat(query(connection.createStatement(), "select current_user"))
                        .containsExactly("postgres");
            }
            assertThat(show(context, "select current_user")).containsExactly("postgres");
        });
    }

    @Test
    void writesAreDurable() {
        embedded(dataDir).run(context -> {
            assertThat(show(context, "show fsync")).containsExactly("on");
            assertThat(show(context, "show synchronous_commit")).containsExactly("on");
            assertThat(show(context, "show listen_addresses")).containsExactly("localhost");
        });
    }

    @Test
    void everyRuleTheServerLoadedWantsThePasswordAndNoneTrusts() {
        embedded(dataDir).run(context -> {
            assertThat(show(
                            context,
                            "select type || ' ' || auth_method || ' ' || coalesce(error, '') from pg_hba_file_rules"))
                    .containsExactlyInAnyOrder("local scram-sha-256 ", "host scram-sha-256 ", "host scram-sha-256 ");
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")))
                    .doesNotContain("trust");
        });
    }

    @Test
    void thePasswordFileIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        embedded(dataDir).run(context -> assertThat(show(context, "select 1")).containsExactly("1"));
        var file = dataDir.resolve("postgres.password");
        var first = Files.readString(file);
        embedded(dataDir).run(context -> assertThat(show(context, "select 1")).containsExactly("1"));

        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(first.strip()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-binaries"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aDataDirectoryMadeWithZonkysTrustDefaultsIsConvertedKeepingItsData(@TempDir Path old) throws Exception {
        sharingBinaries(old);
        try (var before = EmbeddedPostgres.builder()
                        .setDataDirectory(old.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .start();
                var connection = before.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table kept (id int primary key, note text)");
            statement.execute("insert into kept values (1, 'written before the upgrade')");
        }
        assertThat(Files.readString(old.resolve("postgres/pg_hba.conf"))).contains("trust");

        embedded(old).run(context -> {
            assertThat(show(context, "select note from kept where id = 1"))
                    .containsExactly("written before the upgrade");
            var url = "jdbc:postgresql://localhost:" + port(context) + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        });
        assertThat(Files.readString(old.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");
    }

    @Test
    void aStartThatFailsSaysWhyWithoutThePassword(@TempDir Path dir) throws Exception {
        sharingBinaries(dir);
        embedded(dir).run(context -> assertThat(context).hasNotFailed());
        var password = Files.readString(dir.resolve("postgres.password")).strip();
        // a live process (init) in postmaster.pid: PostgreSQL will not open the directory
        Files.writeString(dir.resolve("postgres/postmaster.pid"), "1\n" + dir.resolve("postgres") + "\n");

        embedded(dir)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("Could not set the embedded PostgreSQL password in single-user mode")
                        .hasMessageContaining("postmaster.pid")
                        .message()
                        .doesNotContain(password));
    }

    @Test
    void theWholeApplicationOnItsEmbeddedDefaultShowsThePasswordNowhere(@TempDir Path fresh, CapturedOutput output)
            throws Exception {
        Map<String, Object> props = Map.of("codinspect.data-dir", fresh.toString());
        try (var controlPlane = RunningControlPlane.start(props, new SimulatedSandboxes())) {
            assertThat(controlPlane.admin().get("/api/me").status()).isEqualTo(200);
        }
        var password = Files.readString(fresh.resolve("postgres.password")).strip();
        assertThat(output.getAll()).contains("CodInspect is up at").doesNotContain(password);
    }

    private static ApplicationContextRunner embedded(Path dir) {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, EmbeddedPostgresConfiguration.class)
                .withPropertyValues("codinspect.data-dir=" + dir);
    }

    /**
     * Links {@code dir}'s binaries folder to the shared directory's, so they are not unpacked again
     * (the shared directory's tests and the whole application's test unpack them for real).
     */
    private static void sharingBinaries(Path dir) throws Exception {
        var shared = Files.createDirectories(dataDir.resolve("postgres-binaries"));
        Files.createSymbolicLink(dir.resolve("postgres-binaries"), shared);
    }

    private static int port(AssertableApplicationContext context) {
        return context.getBean(EmbeddedPostgres.class).getPort();
    }

    /** Runs {@code sql} over the application's own DataSource. */
    private static List<String> show(AssertableApplicationContext context, String sql) throws SQLException {
        try (var connection = context.getBean(DataSource.class).getConnection()) {
            return query(connection.createStatement(), sql);
        }
    }

    private static List<String> query(java.sql.Statement statement, String sql) throws SQLException {
        try (statement;
                var rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedPostgresProperties.class)
    static class Properties {}
}
