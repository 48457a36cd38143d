package io.codinspect.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, started on first use; each caller gets a fresh empty
 * database in it, so tests do not see each other's data and pay the start-up once.
 *
 * <p>Made for speed, not safety: it is <b>not durable</b> ({@code fsync} and
 * {@code synchronous_commit} off, so a crash of the machine loses or corrupts its data) and it
 * trusts every local login as {@code postgres} without a password, like zonky's defaults. Its data
 * lives in a temporary folder and is thrown away. The embedded database of {@code ./codinspect up}
 * is the opposite on both counts (see the control plane's {@code EmbeddedPostgresConfiguration}).
 */
public final class TestPostgres {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestPostgres() {}

    /** JDBC URL of a new empty database. */
    public static synchronized String newDatabase() {
        var pg = instance();
        var name = "test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (var con = pg.getPostgresDatabase().getConnection();
                var st = con.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static EmbeddedPostgres instance() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        // zonky passes -F (fsync off) already; said here so nobody relies on it by accident
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }
}
