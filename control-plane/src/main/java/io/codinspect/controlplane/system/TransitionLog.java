package io.codinspect.controlplane.system;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Persists every lifecycle transition with its time, in the transaction that makes it. */
@Component
public class TransitionLog {

    private final JdbcClient jdbc;

    TransitionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entity, UUID id, Enum<?> from, Enum<?> to, String reason, Instant at) {
        jdbc.sql("insert into state_transition (entity, entity_id, from_state, to_state, reason, at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(entity, id, from == null ? null : from.name(), to.name(), reason, java.sql.Timestamp.from(at))
                .update();
    }
}
