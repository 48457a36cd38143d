package io.codinspect.controlplane.usage.internal;

import io.codinspect.controlplane.usage.ModelCall;
import io.codinspect.controlplane.usage.Usage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code model_call} table: one row per call, and its sums. */
@Repository
public class ModelCallStore {

    /** What usage can be grouped by, with the SQL that computes each group's key. */
    public enum Grouping {
        day("to_char(started_at at time zone 'UTC', 'YYYY-MM-DD')"),
        user("coalesce(cast(user_id as text), '')"),
        repository("coalesce(repository, '')"),
        model("provider || '/' || model"),
        prompt("coalesce(cast(prompt_id as text), '')");

        private final String key;

        Grouping(String key) {
            this.key = key;
        }
    }

    /** One group's usage. */
    public record Group(String key, Usage usage) {}

    private static final String SUMS = """
            count(*) as calls, coalesce(sum(input_tokens), 0) as input, coalesce(sum(output_tokens), 0) as output,
            coalesce(sum(cache_read_tokens), 0) as cache_read, coalesce(sum(cache_write_tokens), 0) as cache_write,
            coalesce(sum(reasoning_tokens), 0) as reasoning, sum(cost_usd) as cost,
            count(*) filter (where cost_usd is null) as unpriced""";

    private final JdbcClient jdbc;

    ModelCallStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ModelCall call, BigDecimal cost) {
        jdbc.sql("""
                        insert into model_call (id, session_id, prompt_id, user_id, sandbox_id, repository, provider, model,
                            api, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
                            cost_usd, status, outcome, error, started_at, first_token_ms, duration_ms)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        UUID.randomUUID(),
                        call.sessionId(),
                        call.promptId(),
                        call.userId(),
                        call.sandboxId(),
                        call.repository(),
                        call.provider(),
                        call.model(),
                        call.api(),
                        call.tokens().input(),
                        call.tokens().output(),
                        call.tokens().cacheRead(),
                        call.tokens().cacheWrite(),
                        call.tokens().reasoning(),
                        cost,
                        call.status(),
                        call.outcome().wire(),
                        call.error(),
                        Timestamp.from(call.startedAt()),
                        call.firstToken() == null ? null : call.firstToken().toMillis(),
                        call.duration().toMillis())
                .update();
    }

    public Usage ofSession(UUID sessionId) {
        return jdbc.sql("select " + SUMS + " from model_call where session_id = ?")
                .param(sessionId)
                .query(ModelCallStore::usage)
                .single();
    }

    public List<Group> ofSessionBy(UUID sessionId, Grouping grouping) {
        return jdbc.sql("select " + grouping.key + " as key, " + SUMS
                        + " from model_call where session_id = ? group by 1 order by 1")
                .param(sessionId)
                .query((rs, row) -> new Group(rs.getString("key"), usage(rs, row)))
                .list();
    }

    /** Usage of calls started in {@code [from, to)}, of one user's prompts or (null) everyone's. */
    public List<Group> between(Instant from, Instant to, UUID userId, Grouping grouping) {
        return jdbc.sql("select " + grouping.key + " as key, " + SUMS
                        + " from model_call where started_at >= ? and started_at < ?"
                        + " and (cast(? as uuid) is null or user_id = ?) group by 1 order by 1")
                .params(Timestamp.from(from), Timestamp.from(to), userId, userId)
                .query((rs, row) -> new Group(rs.getString("key"), usage(rs, row)))
                .list();
    }

    /** The same, added up. */
    public Usage totalBetween(Instant from, Instant to, UUID userId) {
        return jdbc.sql("select " + SUMS + " from model_call where started_at >= ? and started_at < ?"
                        + " and (cast(? as uuid) is null or user_id = ?)")
                .params(Timestamp.from(from), Timestamp.from(to), userId, userId)
                .query(ModelCallStore::usage)
                .single();
    }

    private static Usage usage(ResultSet rs, int row) throws SQLException {
        return new Usage(
                rs.getLong("calls"),
                rs.getLong("input"),
                rs.getLong("output"),
                rs.getLong("cache_read"),
                rs.getLong("cache_write"),
                rs.getLong("reasoning"),
                rs.getBigDecimal("cost"),
                rs.getLong("unpriced"));
    }
}
