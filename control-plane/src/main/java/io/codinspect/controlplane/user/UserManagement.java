package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.user.internal.UserEntity;
import io.codinspect.controlplane.user.internal.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: created, listed, disabled and enabled. Their tokens are {@link ApiTokens}. */
@Service
public class UserManagement {

    private static final Logger log = LoggerFactory.getLogger(UserManagement.class);

    private final UserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserManagement(UserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a user; only admins may. */
    @Transactional
    public User create(CurrentUser actor, String name, String email, String login) {
        requireAdmin(actor, "Only admins may create users.");
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
        requireAdmin(actor, "Only admins may list users.");
        return users.findAllByOrderByCreatedAt().stream()
                .map(UserEntity::toUser)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return users.findById(id).map(UserEntity::toUser);
    }

    /** The oldest user with this email address, ignoring case. */
    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmailIgnoreCaseOrderByCreatedAt(email).stream()
                .findFirst()
                .map(UserEntity::toUser);
    }

    @Transactional(readOnly = true)
    public Optional<User> findByLogin(String login) {
        return users.findByLoginIgnoreCase(login).map(UserEntity::toUser);
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return find(id).orElseThrow(() -> ControlPlaneException.notFound("user", id));
    }

    /**
     * Disables a user: every token of theirs stops working at once, they cannot sign in, and
     * whatever they have open hears of it through {@link AccessRevoked.UserDisabled}. Admins may,
     * though never themselves nor the last enabled admin.
     */
    @Transactional
    public User disable(CurrentUser actor, UUID userId) {
        requireAdmin(actor, "Only admins may disable users.");
        if (actor.id().equals(userId)) {
            throw ControlPlaneException.conflict("You cannot disable yourself; another admin has to.");
        }
        var enabledAdmins = users.findByRoleAndDisabledAtIsNullOrderById(Role.admin); // locked: one disable at a time
        var user = users.findById(userId).orElseThrow(() -> ControlPlaneException.notFound("user", userId));
        if (user.role() == Role.admin
                && !user.disabled()
                && enabledAdmins.stream().allMatch(a -> a.id().equals(userId))) {
            throw ControlPlaneException.conflict(
                    "This is the last enabled admin; disabling them would leave CodInspect without one.");
        }
        if (user.disable(clock.instant())) {
            log.info("Disabled user={} by user={}", userId, actor.id());
            events.publishEvent(new AccessRevoked.UserDisabled(userId));
        }
        return user.toUser();
    }

    /** Enables a disabled user again: their tokens that are neither revoked nor expired work again. */
    @Transactional
    public User enable(CurrentUser actor, UUID userId) {
        requireAdmin(actor, "Only admins may enable users.");
        var user = users.findById(userId).orElseThrow(() -> ControlPlaneException.notFound("user", userId));
        if (user.disabled()) {
            user.enable();
            log.info("Enabled user={} by user={}", userId, actor.id());
        }
        return user.toUser();
    }

    @Transactional(readOnly = true)
    boolean noUsers() {
        return users.count() == 0;
    }

    public static CurrentUser asCurrentUser(User user) {
        return new CurrentUser(user.id(), user.name(), user.login(), user.email(), user.role() == Role.admin);
    }

    private static void requireAdmin(CurrentUser actor, String detail) {
        if (!actor.admin()) {
            throw ControlPlaneException.forbidden(detail);
        }
    }
}
