package io.codinspect.controlplane.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code notification_subscription} table. */
@Repository
public class SubscriptionStore {

    /** A stored subscription, secret included: only the sender reads it. */
    public record Row(
            UUID id, UUID serviceAccountId, String url, List<String> kinds, String secret, Instant createdAt) {}

    private static final String COLUMNS = "id, service_account_id, url, kinds, secret, created_at";

    private final JdbcTemplate jdbc;

    SubscriptionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the account's subscription of {@code url}, or renews it (kinds and secret) if it exists. */
    public Row upsert(UUID accountId, String url, List<String> kinds, String secret, Instant now) {
        return jdbc.queryForObject(
                "insert into notification_subscription (id, service_account_id, url, kinds, secret, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (service_account_id, url) do update"
                        + " set kinds = excluded.kinds, secret = excluded.secret, updated_at = excluded.updated_at"
                        + " returning " + COLUMNS,
                SubscriptionStore::row,
                UUID.randomUUID(),
                accountId,
                url,
                kinds.toArray(String[]::new),
                secret,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    public List<Row> ofAccount(UUID accountId) {
        return jdbc.query(
                "select " + COLUMNS
                        + " from notification_subscription where service_account_id = ? order by created_at",
                SubscriptionStore::row,
                accountId);
    }

    public Optional<Row> find(UUID id) {
        return jdbc
                .query("select " + COLUMNS + " from notification_subscription where id = ?", SubscriptionStore::row, id)
                .stream()
                .findFirst();
    }

    /** The subscriptions to {@code kind} of the account that created the session. */
    public List<Row> forSession(UUID sessionId, String kind) {
        return jdbc.query(
                "select s.id, s.service_account_id, s.url, s.kinds, s.secret, s.created_at"
                        + " from notification_subscription s join session x on x.service_account_id = s.service_account_id"
                        + " where x.id = ? and ? = any(s.kinds)",
                SubscriptionStore::row,
                sessionId,
                kind);
    }

    /** The name of the service account {@code accountId}, which its sessions' prompts record as created via. */
    public String accountName(UUID accountId) {
        return jdbc.queryForObject("select name from service_account where id = ?", String.class, accountId);
    }

    public boolean delete(UUID accountId, UUID id) {
        return jdbc.update(
                        "delete from notification_subscription where id = ? and service_account_id = ?", id, accountId)
                > 0;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                Arrays.asList((String[]) rs.getArray(4).getArray()),
                rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }
}
