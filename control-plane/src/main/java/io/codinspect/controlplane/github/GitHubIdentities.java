package io.codinspect.controlplane.github;

import io.codinspect.controlplane.github.internal.GitHubIdentityEntity;
import io.codinspect.controlplane.github.internal.GitHubIdentityRepository;
import io.codinspect.controlplane.system.TokenCipher;
import io.codinspect.controlplane.user.User;
import io.codinspect.controlplane.user.UserManagement;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users' GitHub identities: linked at sign-in, with their OAuth token kept encrypted. */
@Service
public class GitHubIdentities {

    /** What GitHub says about the person signing in. */
    public record Identity(
            long id, String login, String name, String publicEmail, String verifiedEmail, String avatarUrl) {

        /** Their public email, or GitHub's noreply address, which links commits to the account. */
        String commitEmail() {
            return publicEmail != null && !publicEmail.isBlank()
                    ? publicEmail
                    : id + "+" + login + "@users.noreply.github.com";
        }
    }

    private final GitHubIdentityRepository identities;
    private final UserManagement users;
    private final ObjectProvider<TokenCipher> cipher;
    private final Clock clock;

    GitHubIdentities(
            GitHubIdentityRepository identities,
            UserManagement users,
            ObjectProvider<TokenCipher> cipher,
            Clock clock) {
        this.identities = identities;
        this.users = users;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Finds or creates the user of a GitHub account and stores its latest token, encrypted. */
    @Transactional
    public User link(Identity identity, String accessToken) {
        var existing = identities.findByGithubId(identity.id());
        var user = existing.map(e -> users.get(e.userId()))
                .orElseGet(() -> users.createSignedIn(
                        identity.name() == null || identity.name().isBlank() ? identity.login() : identity.name(),
                        identity.commitEmail(),
                        identity.login()));
        var entity = existing.orElseGet(() -> new GitHubIdentityEntity(user.id(), identity.id()));
        entity.refresh(
                identity.login(),
                identity.verifiedEmail(),
                identity.avatarUrl(),
                cipher.getObject().encrypt(accessToken),
                clock.instant());
        identities.save(entity);
        return user;
    }

    /** The user already linked to a GitHub account, if any. */
    @Transactional(readOnly = true)
    public Optional<User> userOf(long githubId) {
        return identities.findByGithubId(githubId).flatMap(e -> users.find(e.userId()));
    }

    /** The user already linked to the GitHub account with this login, if any. */
    @Transactional(readOnly = true)
    public Optional<User> userWithLogin(String login) {
        return identities.findFirstByLoginIgnoreCase(login).flatMap(e -> users.find(e.userId()));
    }

    /** Keeps the refresh token GitHub issued with the user's token (expiring user tokens only). */
    @Transactional
    public void keepRefreshToken(UUID userId, String refreshToken) {
        identities
                .findById(userId)
                .ifPresent(e -> e.refreshToken(cipher.getObject().encrypt(refreshToken), clock.instant()));
    }

    /** The user's GitHub OAuth token, if they signed in with GitHub. */
    @Transactional(readOnly = true)
    public Optional<String> tokenOf(UUID userId) {
        var available = cipher.getIfAvailable();
        if (available == null) {
            return Optional.empty();
        }
        return identities.findById(userId).filter(e -> e.token() != null).map(e -> available.decrypt(e.token()));
    }
}
