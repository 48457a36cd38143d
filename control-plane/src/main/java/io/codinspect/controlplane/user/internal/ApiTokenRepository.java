package io.codinspect.controlplane.user.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, UUID> {

    Optional<ApiTokenEntity> findByTokenHash(byte[] tokenHash);

    List<ApiTokenEntity> findByUserIdOrderByCreatedAt(UUID userId);

    List<ApiTokenEntity> findByIdIn(Collection<UUID> ids);
}
