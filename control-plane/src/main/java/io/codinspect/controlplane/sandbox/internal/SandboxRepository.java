package io.codinspect.controlplane.sandbox.internal;

import io.codinspect.controlplane.sandbox.SandboxState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface SandboxRepository extends JpaRepository<SandboxEntity, UUID> {

    Optional<SandboxEntity> findFirstBySessionIdAndStatusIn(UUID sessionId, Collection<SandboxState> states);

    Optional<SandboxEntity> findByTokenHash(byte[] tokenHash);

    Optional<SandboxEntity> findByAgentTokenHash(byte[] agentTokenHash);

    @Query("select s.id from SandboxEntity s where s.status in :states and s.lastHeartbeatAt < :before")
    List<UUID> silentSince(Collection<SandboxState> states, Instant before);

    @Modifying
    @Query("update SandboxEntity s set s.lastHeartbeatAt = :at where s.status in :states")
    int refreshHeartbeats(Collection<SandboxState> states, Instant at);

    @Modifying
    @Query("update SandboxEntity s set s.lastHeartbeatAt = :at where s.id = :id")
    int heartbeat(UUID id, Instant at);

    long countByStatusIn(Collection<SandboxState> states);

    List<SandboxEntity> findByStatusIn(Collection<SandboxState> states);

    /** Serialises sandbox requests, so that two sessions cannot both take the last free place. */
    @Query(nativeQuery = true, value = "select cast(pg_advisory_xact_lock(73310001) as text)")
    String lockCapacity();

    /**
     * Connected sandboxes whose session has had nothing queued or running since {@code before}.
     */
    @Query(nativeQuery = true, value = """
            select s.id from sandbox s
            where s.status = 'connected'
              and s.connected_at < :before
              and not exists (select 1 from prompt p where p.session_id = s.session_id
                              and (p.status in ('queued', 'running') or p.finished_at >= :before))
            """)
    List<UUID> idleSince(Instant before);
}
