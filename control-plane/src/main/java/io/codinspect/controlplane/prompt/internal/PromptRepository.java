package io.codinspect.controlplane.prompt.internal;

import io.codinspect.controlplane.prompt.PromptStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PromptRepository extends JpaRepository<PromptEntity, UUID> {

    List<PromptEntity> findBySessionIdOrderByOrdinal(UUID sessionId);

    List<PromptEntity> findBySessionIdAndStatusInOrderByOrdinal(UUID sessionId, Collection<PromptStatus> statuses);

    Optional<PromptEntity> findBySessionIdAndClientRequestId(UUID sessionId, String clientRequestId);

    Optional<PromptEntity> findByIdAndSessionId(UUID id, UUID sessionId);

    List<PromptEntity> findByStatusAndStopRequestedAtBefore(PromptStatus status, java.time.Instant before);
}
