package io.codinspect.controlplane.bot.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserIdentityRepository extends JpaRepository<UserIdentityEntity, UserIdentityEntity.Key> {

    boolean existsByKeyNamespaceAndUserId(String namespace, UUID userId);
}
