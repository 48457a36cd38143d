package io.codinspect.controlplane.session.internal;

import io.codinspect.controlplane.session.SessionStatus;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface SessionRepository extends JpaRepository<SessionEntity, UUID> {

    /** The session working on {@code branch} of {@code repository}, if any. */
    Optional<SessionEntity> findFirstByRepositoryAndBranch(String repository, String branch);

    /** Loads and locks the session row; every change to a session and its prompts starts here. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SessionEntity s where s.id = :id")
    Optional<SessionEntity> lock(UUID id);

    Optional<SessionEntity> findByExternalKey(String externalKey);

    @Query(
            "select s from SessionEntity s where (:status is null and s.status <> io.codinspect.controlplane.session.SessionStatus.archived or s.status = :status)"
                    + " and (:createdBy is null or s.createdBy = :createdBy)"
                    + " and (lower(coalesce(s.title, '')) like :pattern escape '\\'"
                    + " or lower(s.repository) like :pattern escape '\\')"
                    + " order by s.createdAt desc")
    Page<SessionEntity> search(SessionStatus status, UUID createdBy, String pattern, Pageable pageable);
}
