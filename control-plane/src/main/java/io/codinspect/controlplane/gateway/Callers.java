package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.sandbox.AgentTokens;
import io.codinspect.controlplane.system.Secrets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is calling, in one query on the hot path of every model call: the live sandbox whose agent
 * holds the token (the same check as {@code AgentTokens}: a sandbox's end revokes it at once), its
 * session's repository and the prompt running in it, with its author. A read model over the
 * sandbox, session and prompt tables; it changes none of them.
 */
@Component
class Callers {

    private final JdbcClient jdbc;

    Callers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller holding {@code token}; empty for anything but a live sandbox's agent token. */
    Optional<CallContext> find(String token) {
        if (!AgentTokens.looksLikeOne(token)) {
            return Optional.empty();
        }
        var hash = Secrets.hash(token);
        return jdbc.sql("""
                        select s.id as sandbox_id, s.session_id, s.agent_token_hash, se.repository, se.created_by,
                               p.id as prompt_id, p.author_id
                        from sandbox s
                        join session se on se.id = s.session_id
                        left join prompt p on p.session_id = s.session_id and p.status = 'running'
                        where s.agent_token_hash = ? and s.status in ('requested', 'connected', 'disconnected')
                        limit 1
                        """)
                .param(hash)
                .query((rs, row) -> Secrets.same(rs.getBytes("agent_token_hash"), hash)
                        ? new CallContext(
                                rs.getObject("session_id", UUID.class),
                                rs.getObject("sandbox_id", UUID.class),
                                rs.getObject("prompt_id", UUID.class),
                                rs.getObject("prompt_id") == null
                                        ? rs.getObject("created_by", UUID.class)
                                        : rs.getObject("author_id", UUID.class),
                                rs.getString("repository"))
                        : null)
                .optional();
    }
}
