package io.codinspect.controlplane.user.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<UserEntity, UUID> {

    boolean existsByLogin(String login);

    List<UserEntity> findAllByOrderByCreatedAt();
}
