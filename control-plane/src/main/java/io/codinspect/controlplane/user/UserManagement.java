package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.BearerTokenAuthenticator;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.system.Secrets;
import io.codinspect.controlplane.user.internal.ApiTokenEntity;
import io.codinspect.controlplane.user.internal.ApiTokenRepository;
import io.codinspect.controlplane.user.internal.UserEntity;
import io.codinspect.controlplane.user.internal.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their API tokens. */
@Service
public class UserManagement implements BearerTokenAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(UserManagement.class);
    static final String TOKEN_PREFIX = "cit_";

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    UserManagement(UserRepository users, ApiTokenRepository tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Creates a user; only admins may. */
    @Transactional
    public User create(CurrentUser actor, String name, String email, String login) {
        if (!actor.admin()) {
            throw ControlPlaneException.forbidden("Only admins may create users.");
        }
        return create(name, email, login, Role.user);
    }

    /**
     * Creates the user for someone who signed in with an external identity (GitHub), keeping
     * {@code login} only while no one else has it.
     */
    @Transactional
    public User createSignedIn(String name, String email, String login) {
        return create(name, email, login != null && users.existsByLogin(login) ? null : login, Role.user);
    }

    @Transactional
    User create(String name, String email, String login, Role role) {
        if (login != null && users.existsByLogin(login)) {
            throw ControlPlaneException.conflict("A user with login '" + login + "' already exists.");
        }
        var user = users.save(new UserEntity(UUID.randomUUID(), name, email, login, role, clock.instant()));
        log.info("Created user user={} role={}", user.id(), role);
        return user.toUser();
    }

    /** Every user, oldest first; only admins may list them. */
    @Transactional(readOnly = true)
    public List<User> list(CurrentUser actor) {
        if (!actor.admin()) {
            throw ControlPlaneException.forbidden("Only admins may list users.");
        }
        return users.findAllByOrderByCreatedAt().stream()
                .map(UserEntity::toUser)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return users.findById(id).map(UserEntity::toUser);
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return find(id).orElseThrow(() -> ControlPlaneException.notFound("user", id));
    }

    /** Creates an API token for {@code userId}; admins may for anyone, users for themselves. */
    @Transactional
    public MintedToken mintToken(CurrentUser actor, UUID userId, String name) {
        requireSelfOrAdmin(actor, userId);
        get(userId);
        return mintToken(userId, name, Secrets.generate(TOKEN_PREFIX));
    }

    @Transactional
    MintedToken mintToken(UUID userId, String name, String secret) {
        var entity =
                tokens.save(new ApiTokenEntity(UUID.randomUUID(), userId, name, Secrets.hash(secret), clock.instant()));
        return new MintedToken(
                entity.toInfo().id(), userId, name, secret, entity.toInfo().createdAt());
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> tokens(CurrentUser actor, UUID userId) {
        requireSelfOrAdmin(actor, userId);
        return tokens.findByUserIdOrderByCreatedAt(userId).stream()
                .map(ApiTokenEntity::toInfo)
                .toList();
    }

    @Transactional
    public void revokeToken(CurrentUser actor, UUID userId, UUID tokenId) {
        requireSelfOrAdmin(actor, userId);
        var token = tokens.findById(tokenId)
                .filter(t -> t.userId().equals(userId))
                .orElseThrow(() -> ControlPlaneException.notFound("token", tokenId));
        token.revoke(clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CurrentUser> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        var hash = Secrets.hash(token);
        return tokens.findByTokenHash(hash)
                .filter(t -> !t.revoked() && Secrets.same(t.tokenHash(), hash))
                .flatMap(t -> users.findById(t.userId()))
                .map(UserEntity::toUser)
                .map(UserManagement::asCurrentUser);
    }

    @Transactional(readOnly = true)
    boolean noUsers() {
        return users.count() == 0;
    }

    public static CurrentUser asCurrentUser(User user) {
        return new CurrentUser(user.id(), user.name(), user.login(), user.email(), user.role() == Role.admin);
    }

    private static void requireSelfOrAdmin(CurrentUser actor, UUID userId) {
        if (!actor.admin() && !actor.id().equals(userId)) {
            throw ControlPlaneException.forbidden("You may only manage your own tokens.");
        }
    }
}
