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
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: minted (optionally expiring), listed, revoked, and checked on every request. A token
 * lets its holder in while it is neither revoked nor expired and its user is enabled.
 */
@Service
public class ApiTokens implements BearerTokenAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    static final String PREFIX = "cit_";
    private static final int STATES_PAGE = 1_000;
    private static final Refused UNKNOWN = new Refused(
            "Unauthorized", "This API token is unknown, revoked or expired: sign in again or use another token.");
    private static final Refused DISABLED =
            new Refused("Account disabled", "This account is disabled; ask an administrator to enable it.");

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final UserProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokens(
            ApiTokenRepository tokens,
            UserRepository users,
            UserProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates an API token for {@code userId}, expiring at {@code expiresAt} (null: never); admins
     * may for anyone, users for themselves.
     */
    @Transactional
    public MintedToken mint(CurrentUser actor, UUID userId, String name, Instant expiresAt) {
        requireSelfOrAdmin(actor, userId);
        if (expiresAt != null) {
            var now = clock.instant();
            if (!expiresAt.isAfter(now)) {
                throw ControlPlaneException.badRequest("expiresAt must be in the future.");
            }
            if (expiresAt.isAfter(now.plus(properties.maxTokenLifetime()))) {
                throw ControlPlaneException.badRequest("expiresAt may be at most "
                        + properties.maxTokenLifetime().toDays()
                        + " days from now (codinspect.users.max-token-lifetime).");
            }
        }
        return mint(userId, name, Secrets.generate(PREFIX), expiresAt);
    }

    /** The token a browser keeps after signing in; it expires after {@code codinspect.users.browser-token-ttl}. */
    @Transactional
    public MintedToken mintForBrowser(UUID userId, String name) {
        return mint(userId, name, Secrets.generate(PREFIX), clock.instant().plus(properties.browserTokenTtl()));
    }

    @Transactional
    MintedToken mint(UUID userId, String name, String secret, Instant expiresAt) {
        var user = users.findById(userId).orElseThrow(() -> ControlPlaneException.notFound("user", userId));
        if (user.disabled()) {
            throw ControlPlaneException.conflict("User " + userId + " is disabled; enable them to create tokens.");
        }
        var info = tokens.save(new ApiTokenEntity(
                        UUID.randomUUID(), userId, name, Secrets.hash(secret), clock.instant(), expiresAt))
                .toInfo();
        log.info("Created API token token={} user={} expiresAt={}", info.id(), userId, expiresAt);
        return new MintedToken(info.id(), userId, name, secret, info.createdAt(), info.expiresAt());
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> list(CurrentUser actor, UUID userId) {
        requireSelfOrAdmin(actor, userId);
        return tokens.findByUserIdOrderByCreatedAt(userId).stream()
                .map(ApiTokenEntity::toInfo)
                .toList();
    }

    /** Revokes a token; whatever it opened is told through {@link AccessRevoked.TokenRevoked}. */
    @Transactional
    public void revoke(CurrentUser actor, UUID userId, UUID tokenId) {
        requireSelfOrAdmin(actor, userId);
        var token = tokens.findById(tokenId)
                .filter(t -> t.userId().equals(userId))
                .orElseThrow(() -> ControlPlaneException.notFound("token", tokenId));
        if (token.revoke(clock.instant())) {
            log.info("Revoked API token token={} user={} by user={}", tokenId, userId, actor.id());
            events.publishEvent(new AccessRevoked.TokenRevoked(userId, tokenId));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Outcome authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return UNKNOWN;
        }
        var hash = Secrets.hash(token);
        var found = tokens.findByTokenHash(hash).filter(t -> Secrets.same(t.tokenHash(), hash));
        if (found.isEmpty()) {
            return UNKNOWN;
        }
        var user = users.findById(found.get().userId()).orElse(null);
        return switch (state(found.get(), user, clock.instant())) {
            case active -> new Accepted(asCurrentUser(user, found.get().id()));
            case userDisabled -> DISABLED;
            case revoked, expired, unknown -> UNKNOWN;
        };
    }

    /** The user holding an API token, if it lets them in now. */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> holderOf(UUID tokenId) {
        return tokens.findById(tokenId)
                .flatMap(token -> users.findById(token.userId())
                        .filter(user -> state(token, user, clock.instant()) == TokenState.active)
                        .map(user -> asCurrentUser(user, tokenId)));
    }

    /** The state of each of these tokens now; ids of no token are {@link TokenState#unknown}. */
    @Transactional(readOnly = true)
    public Map<UUID, TokenState> states(Collection<UUID> tokenIds) {
        var now = clock.instant();
        var states = new HashMap<UUID, TokenState>();
        var ids = List.copyOf(tokenIds);
        for (int from = 0; from < ids.size(); from += STATES_PAGE) {
            var page = tokens.findByIdIn(ids.subList(from, Math.min(ids.size(), from + STATES_PAGE)));
            var owners =
                    users.findByIdIn(page.stream().map(ApiTokenEntity::userId).collect(Collectors.toSet())).stream()
                            .collect(Collectors.toMap(UserEntity::id, Function.identity()));
            page.forEach(t -> states.put(t.id(), state(t, owners.get(t.userId()), now)));
        }
        ids.forEach(id -> states.putIfAbsent(id, TokenState.unknown));
        return states;
    }

    private static TokenState state(ApiTokenEntity token, UserEntity user, Instant now) {
        if (token.revoked()) {
            return TokenState.revoked;
        }
        if (token.expired(now)) {
            return TokenState.expired;
        }
        if (user == null) {
            return TokenState.unknown;
        }
        return user.disabled() ? TokenState.userDisabled : TokenState.active;
    }

    private static CurrentUser asCurrentUser(UserEntity entity, UUID tokenId) {
        var user = entity.toUser();
        return new CurrentUser(user.id(), user.name(), user.login(), user.email(), user.role() == Role.admin, tokenId);
    }

    private static void requireSelfOrAdmin(CurrentUser actor, UUID userId) {
        if (!actor.admin() && !actor.id().equals(userId)) {
            throw ControlPlaneException.forbidden("You may only manage your own tokens.");
        }
    }
}
