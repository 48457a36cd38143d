package io.codinspect.bench;

import io.codinspect.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The benchmarks' database: a fresh database of the tests' shared embedded PostgreSQL, which runs
 * with durability off ({@code fsync} and {@code synchronous_commit} off) for speed. The embedded
 * database of {@code ./codinspect up} has both on, so the benchmarks say which they ran with.
 */
public final class BenchDatabase {

    private BenchDatabase() {}

    /** JDBC URL of a new empty database. */
    public static String newDatabase() {
        return TestPostgres.newDatabase();
    }

    /** One line for the report, from the server's own settings, saying whether writes were durable. */
    public static String durability(String jdbcUrl) throws SQLException {
        try (var con = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            var fsync = show(con, "fsync");
            var synchronousCommit = show(con, "synchronous_commit");
            var durable = fsync.equals("on") && !synchronousCommit.equals("off");
            return "database:      PostgreSQL " + show(con, "server_version") + ", fsync=" + fsync
                    + ", synchronous_commit=" + synchronousCommit
                    + (durable
                            ? ": durable"
                            : ": DURABILITY IS OFF for the benchmark (./codinspect up runs with both on)");
        }
    }

    private static String show(Connection con, String setting) throws SQLException {
        try (var st = con.createStatement();
                var rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
