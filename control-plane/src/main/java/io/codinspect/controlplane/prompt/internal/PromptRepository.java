package io.codinspect.controlplane.prompt.internal;

import io.codinspect.controlplane.prompt.PromptStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PromptRepository extends JpaRepository<PromptEntity, UUID> {

    List<PromptEntity> findBySessionIdOrderByOrdinal(UUID sessionId);

    List<PromptEntity> findBySessionIdAndStatusInOrderByOrdinal(UUID sessionId, Collection<PromptStatus> statuses);

    Optional<PromptEntity> findBySessionIdAndClientRequestId(UUID sessionId, String clientRequestId);

    Optional<PromptEntity> findByIdAndSessionId(UUID id, UUID sessionId);

    List<PromptEntity> findByStatusAndStopRequestedAtBefore(PromptStatus status, java.time.Instant before);

    List<PromptEntity> findBySandboxIdAndStatusAndStopRequestedAtNotNull(UUID sandboxId, PromptStatus status);

    List<PromptEntity> findByStatus(PromptStatus status);

    List<PromptEntity> findByStatusAndStartedAtBeforeAndStopRequestedAtNull(
            PromptStatus status, java.time.Instant before);

    /** Sessions with queued prompts and nothing running, by their oldest queued prompt. */
    @Query(nativeQuery = true, value = """
            select p.session_id from prompt p
            where p.status = 'queued'
              and not exists (select 1 from prompt r where r.session_id = p.session_id and r.status = 'running')
            group by p.session_id
            order by min(p.created_at)
            limit 100
            """)
    List<UUID> sessionsWaitingForSandbox();

    /** Prompts counted against the concurrency limit: running, or admitted and about to run. */
    @Query(nativeQuery = true, value = """
            select count(*) from prompt
            where status = 'running' or (status = 'queued' and admitted_at is not null)
            """)
    long countAdmitted();

    /** Serialises admissions, so that two replicas cannot both take the last place under the concurrency limit. */
    @Query(nativeQuery = true, value = "select cast(pg_advisory_xact_lock(73310002) as text)")
    String lockAdmissions();

    @Query(nativeQuery = true, value = "select count(*) from prompt where status = 'queued' and waiting is not null")
    long countWaiting();
}
