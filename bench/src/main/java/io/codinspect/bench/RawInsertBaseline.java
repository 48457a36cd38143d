package io.codinspect.bench;

import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The raw baseline: JDBC batched inserts of rows shaped like stored events, into a table shaped
 * like the event table, on the same PostgreSQL. No numbering, no JSON work, no network fan-out.
 */
final class RawInsertBaseline {

    private RawInsertBaseline() {}

    /** Inserts {@code rows} rows in batches and returns rows per second. */
    static double run(String jdbcUrl, int rows, int sessions, String payload) throws Exception {
        try (var con = DriverManager.getConnection(jdbcUrl + "&reWriteBatchedInserts=true", "postgres", "")) {
            try (var st = con.createStatement()) {
                st.execute("create table if not exists bench_raw (session_id uuid not null, seq bigint not null,"
                        + " type text not null, payload jsonb not null, created_at timestamptz not null,"
                        + " primary key (session_id, seq))");
                st.execute("truncate bench_raw");
            }
            con.setAutoCommit(false);
            var ids = new UUID[sessions];
            for (int i = 0; i < sessions; i++) {
                ids[i] = UUID.randomUUID();
            }
            long start = System.nanoTime();
            try (var ps = con.prepareStatement(
                    "insert into bench_raw (session_id, seq, type, payload, created_at) values (?, ?, ?, ?::jsonb, ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setObject(1, ids[i % sessions]);
                    ps.setLong(2, i / sessions + 1);
                    ps.setString(3, "assistant.text");
                    ps.setString(4, payload);
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    ps.addBatch();
                    if ((i + 1) % 1000 == 0) {
                        ps.executeBatch();
                        con.commit();
                    }
                }
                ps.executeBatch();
                con.commit();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }
}
