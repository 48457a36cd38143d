package io.codinspect.controlplane.bot.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceAccountRepository extends JpaRepository<ServiceAccountEntity, UUID> {

    Optional<ServiceAccountEntity> findByTokenHash(byte[] tokenHash);

    Optional<ServiceAccountEntity> findByName(String name);

    List<ServiceAccountEntity> findAllByOrderByCreatedAt();
}
