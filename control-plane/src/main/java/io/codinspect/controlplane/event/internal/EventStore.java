package io.codinspect.controlplane.event.internal;

import io.codinspect.controlplane.event.StoredEvent;
import io.codinspect.model.event.EventLimits;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC access to the event table, built for batches. */
@Repository
public class EventStore {

    /** Rows fetched per round trip when paging: a few events at the size limit. */
    private static final int FETCH_SIZE = 32;

    private final JdbcTemplate jdbc;

    EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reserves {@code count} consecutive seqs per session by raising {@code session.last_seq}, which
     * locks each session row until the transaction ends. Returns the last seq reserved per session;
     * sessions that do not exist are missing from the answer.
     */
    public Map<UUID, Long> reserve(Map<UUID, Integer> counts) {
        var ids = counts.keySet().stream().sorted().toArray(UUID[]::new);
        var ns = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ns[i] = counts.get(ids[i]);
        }
        Map<UUID, Long> last = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("update session s set last_seq = s.last_seq + v.n"
                            + " from unnest(?::uuid[], ?::int[]) as v(id, n) where s.id = v.id"
                            + " returning s.id, s.last_seq");
                    ps.setArray(1, con.createArrayOf("uuid", ids));
                    ps.setArray(2, con.createArrayOf("int4", ns));
                    return ps;
                },
                rs -> {
                    last.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return last;
    }

    /** Inserts events with their stored payloads ({@code payloads[i]} is the fields JSON of {@code events[i]}). */
    public void insert(List<StoredEvent> events, List<String> payloads) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        var sessions = new UUID[n];
        var seqs = new Long[n];
        var types = new String[n];
        var times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            var e = events.get(i);
            sessions[i] = e.sessionId();
            seqs[i] = e.seq();
            types[i] = e.type();
            times[i] = Timestamp.from(e.createdAt());
        }
        var jsons = payloads.toArray(String[]::new);
        jdbc.execute((Connection con) -> {
            try (var ps = con.prepareStatement("insert into session_event (session_id, seq, type, payload, created_at)"
                    + " select * from unnest(?::uuid[], ?::bigint[], ?::text[], ?::jsonb[], ?::timestamptz[])")) {
                ps.setArray(1, array(con, "uuid", sessions));
                ps.setArray(2, array(con, "int8", seqs));
                ps.setArray(3, array(con, "text", types));
                ps.setArray(4, array(con, "text", jsons));
                ps.setArray(5, array(con, "timestamptz", times));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Events of a session after {@code afterSeq}, oldest first, as clients see them: at most
     * {@code limit}, and no more than {@code maxBytes} of JSON unless the first event alone is
     * larger. Rows are fetched a few at a time and reading stops at the first that does not fit, so
     * a page never holds more than its budget plus that row in memory.
     */
    public Page page(UUID sessionId, long afterSeq, int limit, long maxBytes) {
        return jdbc.query(
                con -> {
                    var ps = con.prepareStatement("select seq, type, payload::text, created_at from session_event"
                            + " where session_id = ? and seq > ? order by seq limit ?");
                    ps.setObject(1, sessionId);
                    ps.setLong(2, afterSeq);
                    ps.setInt(3, limit + 1);
                    ps.setFetchSize(FETCH_SIZE); // a cursor: large rows are not all read at once
                    return ps;
                },
                rs -> {
                    var events = new ArrayList<StoredEvent>();
                    long bytes = 0;
                    while (rs.next()) {
                        if (events.size() == limit) {
                            return new Page(events, true);
                        }
                        long seq = rs.getLong(1);
                        var type = rs.getString(2);
                        var createdAt = rs.getTimestamp(4).toInstant();
                        var event = new StoredEvent(
                                sessionId, seq, type, createdAt, EventJson.of(seq, type, createdAt, rs.getString(3)));
                        bytes += EventLimits.utf8Length(event.json());
                        if (bytes > maxBytes && !events.isEmpty()) {
                            return new Page(events, true);
                        }
                        events.add(event);
                    }
                    return new Page(events, false);
                });
    }

    /** The first event after {@code afterSeq} of one of {@code types} whose payload names {@code promptId}. */
    public java.util.Optional<Found> find(UUID sessionId, long afterSeq, List<String> types, String promptId) {
        return jdbc
                .query(
                        con -> {
                            var ps = con.prepareStatement(
                                    "select seq, type, payload::text, created_at from session_event"
                                            + " where session_id = ? and seq > ? and type = any(?) and payload->>'promptId' = ?"
                                            + " order by seq limit 1");
                            ps.setObject(1, sessionId);
                            ps.setLong(2, afterSeq);
                            ps.setArray(3, con.createArrayOf("text", types.toArray()));
                            ps.setString(4, promptId);
                            return ps;
                        },
                        (rs, i) -> new Found(rs.getString(2), rs.getString(3)))
                .stream()
                .findFirst();
    }

    /** Up to {@code limit} events of one of {@code types} whose payload names {@code promptId}, oldest first. */
    public List<Found> ofPrompt(UUID sessionId, List<String> types, String promptId, int limit) {
        return jdbc.query(
                con -> {
                    var ps = con.prepareStatement("select type, payload::text from session_event"
                            + " where session_id = ? and type = any(?) and payload->>'promptId' = ?"
                            + " order by seq limit ?");
                    ps.setObject(1, sessionId);
                    ps.setArray(2, con.createArrayOf("text", types.toArray()));
                    ps.setString(3, promptId);
                    ps.setInt(4, limit);
                    return ps;
                },
                (rs, i) -> new Found(rs.getString(1), rs.getString(2)));
    }

    /** A stored event's kind and fields, as {@link #find} reads them. */
    public record Found(String type, String payload) {}

    /** One page of a session's events, and whether it has more after them. */
    public record Page(List<StoredEvent> events, boolean hasMore) {}

    public long lastSeq(UUID sessionId) {
        var seq = jdbc.queryForList("select last_seq from session where id = ?", Long.class, sessionId);
        return seq.isEmpty() ? 0 : seq.getFirst();
    }

    /** Raises each sandbox's last stored bridge event id, in one statement. */
    public void markStored(Map<UUID, Long> lastIdBySandbox) {
        if (lastIdBySandbox.isEmpty()) {
            return;
        }
        var ids = lastIdBySandbox.keySet().stream().sorted().toArray(UUID[]::new);
        var lastIds = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            lastIds[i] = lastIdBySandbox.get(ids[i]);
        }
        jdbc.execute((Connection con) -> {
            try (var ps = con.prepareStatement("update sandbox s set last_event_id = greatest(s.last_event_id, v.last)"
                    + " from unnest(?::uuid[], ?::bigint[]) as v(id, last) where s.id = v.id")) {
                ps.setArray(1, array(con, "uuid", ids));
                ps.setArray(2, array(con, "int8", lastIds));
                return ps.executeUpdate();
            }
        });
    }

    public long lastStoredBridgeId(UUID sandboxId) {
        var id = jdbc.queryForList("select last_event_id from sandbox where id = ?", Long.class, sandboxId);
        return id.isEmpty() ? 0 : id.getFirst();
    }

    private static Array array(Connection con, String type, Object[] values) throws SQLException {
        return con.createArrayOf(type, values);
    }
}
