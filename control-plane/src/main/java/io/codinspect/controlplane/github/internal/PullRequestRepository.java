package io.codinspect.controlplane.github.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PullRequestRepository extends JpaRepository<PullRequestEntity, UUID> {

    Optional<PullRequestEntity> findByRepositoryAndNumber(String repository, int number);
}
