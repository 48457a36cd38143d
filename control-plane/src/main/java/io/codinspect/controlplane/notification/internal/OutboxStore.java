package io.codinspect.controlplane.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_outbox} table: durable deliveries, one row per (subscription, happening),
 * sent in {@code seq} order per (subscription, session).
 */
@Repository
public class OutboxStore {

    /** A claimed delivery. {@code payload} is null until its first attempt builds it. */
    public record Claimed(
            UUID id,
            UUID subscriptionId,
            UUID sessionId,
            UUID promptId,
            String kind,
            Instant occurredAt,
            String facts,
            String payload,
            int attempts) {}

    private final JdbcTemplate jdbc;

    OutboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes one delivery of {@code kind} for each subscription to it of the account that created the
     * session, in the caller's transaction; the number written. The session's row stays locked until
     * that transaction ends (its callers hold it already), so a later change of the same session cannot
     * take a higher {@code seq} and commit first: {@code seq} order is commit order per session, and
     * {@link #claim} never sees a row before an earlier one of its session.
     */
    public int enqueue(UUID sessionId, UUID promptId, String kind, String facts, Instant now) {
        jdbc.queryForList("select 1 from session where id = ? for update", sessionId);
        return jdbc.update(
                "insert into notification_outbox (id, subscription_id, session_id, prompt_id, kind, occurred_at, facts,"
                        + " next_attempt_at)"
                        + " select gen_random_uuid(), s.id, x.id, ?, ?, ?, cast(? as jsonb), ?"
                        + " from notification_subscription s join session x on x.service_account_id = s.service_account_id"
                        + " where x.id = ? and ? = any(s.kinds)"
                        + " order by s.created_at",
                promptId,
                kind,
                Timestamp.from(now),
                facts,
                Timestamp.from(now),
                sessionId,
                kind);
    }

    /**
     * Claims up to {@code limit} due deliveries, each the oldest pending one of its (subscription,
     * session), so order is kept; a claimed row is not due again until {@code leaseUntil} (if this
     * replica dies mid-send, another sends it then). Rows other replicas hold are skipped.
     */
    public List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        return jdbc.query("""
                with due as (
                    select o.id from notification_outbox o
                    where o.delivered_at is null and o.dropped_at is null and o.next_attempt_at <= ?
                      and not exists (
                          select 1 from notification_outbox e
                          where e.subscription_id = o.subscription_id and e.session_id = o.session_id
                            and e.seq < o.seq and e.delivered_at is null and e.dropped_at is null)
                    order by o.seq
                    limit ?
                    for update of o skip locked)
                update notification_outbox o set next_attempt_at = ?, attempts = o.attempts + 1
                from due where o.id = due.id
                returning o.id, o.subscription_id, o.session_id, o.prompt_id, o.kind, o.occurred_at, o.facts::text,
                          o.payload, o.attempts
                """, OutboxStore::claimed, Timestamp.from(now), limit, Timestamp.from(leaseUntil));
    }

    /**
     * Makes the subscription's pending deliveries due at {@code at} (its subscriber is back, with a
     * new secret): later ones sooner, earlier ones not before it has the secret; the number changed.
     * One being sent at the moment may so be sent twice, with its delivery id.
     */
    public int dueAt(UUID subscriptionId, Instant at) {
        return jdbc.update(
                "update notification_outbox set next_attempt_at = ? where subscription_id = ?"
                        + " and delivered_at is null and dropped_at is null",
                Timestamp.from(at),
                subscriptionId);
    }

    /** Keeps the body built at the first attempt, so every retry sends the same one. */
    public void keepPayload(UUID id, String payload) {
        jdbc.update("update notification_outbox set payload = ? where id = ? and payload is null", payload, id);
    }

    public void delivered(UUID id, Instant now) {
        jdbc.update(
                "update notification_outbox set delivered_at = ?, last_error = null where id = ?",
                Timestamp.from(now),
                id);
    }

    public void retryAt(UUID id, Instant next, String error) {
        jdbc.update(
                "update notification_outbox set next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(next),
                error,
                id);
    }

    public void dropped(UUID id, Instant now, String error) {
        jdbc.update(
                "update notification_outbox set dropped_at = ?, last_error = ? where id = ?",
                Timestamp.from(now),
                error,
                id);
    }

    /** Deletes delivered and dropped rows older than {@code before}; the number deleted. */
    public int purge(Instant before) {
        return jdbc.update(
                "delete from notification_outbox where coalesce(delivered_at, dropped_at) < ?", Timestamp.from(before));
    }

    /** Pending deliveries, for health and tests. */
    public long pending() {
        var count = jdbc.queryForObject(
                "select count(*) from notification_outbox where delivered_at is null and dropped_at is null",
                Long.class);
        return count == null ? 0 : count;
    }

    private static Claimed claimed(ResultSet rs, int i) throws SQLException {
        return new Claimed(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getString(8),
                rs.getInt(9));
    }
}
