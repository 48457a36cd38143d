package io.codinspect.controlplane.github.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GitHubIdentityRepository extends JpaRepository<GitHubIdentityEntity, UUID> {

    Optional<GitHubIdentityEntity> findByGithubId(long githubId);

    Optional<GitHubIdentityEntity> findFirstByLoginIgnoreCase(String login);
}
