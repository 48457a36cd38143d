package io.codinspect.controlplane.user.internal;

import io.codinspect.controlplane.user.Role;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface UserRepository extends JpaRepository<UserEntity, UUID> {

    boolean existsByLogin(String login);

    List<UserEntity> findAllByOrderByCreatedAt();

    List<UserEntity> findByIdIn(Collection<UUID> ids);

    List<UserEntity> findByEmailIgnoreCaseOrderByCreatedAt(String email);

    java.util.Optional<UserEntity> findByLoginIgnoreCase(String login);

    /**
     * The enabled users of a role, locked until the transaction ends, always in id order so that
     * two transactions lock them in the same order.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    List<UserEntity> findByRoleAndDisabledAtIsNullOrderById(Role role);
}
