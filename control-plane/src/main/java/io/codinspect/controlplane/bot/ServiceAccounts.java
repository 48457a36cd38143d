package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.bot.internal.ServiceAccountEntity;
import io.codinspect.controlplane.bot.internal.ServiceAccountRepository;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.system.Secrets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Bots' service accounts: created, listed, their tokens rotated, disabled and enabled by admins. */
@Service
public class ServiceAccounts {

    private static final Logger log = LoggerFactory.getLogger(ServiceAccounts.class);
    static final String PREFIX = "cib_";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}");

    private final ServiceAccountRepository accounts;
    private final Clock clock;

    ServiceAccounts(ServiceAccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ServiceAccount> list(CurrentUser actor) {
        requireAdmin(actor);
        return accounts.findAllByOrderByCreatedAt().stream()
                .map(ServiceAccounts::view)
                .toList();
    }

    /** Creates an account named {@code name}; the answer holds its token, shown this once. */
    @Transactional
    public ServiceAccount create(CurrentUser actor, String name) {
        requireAdmin(actor);
        if (name == null || !NAME.matcher(name).matches()) {
            throw ControlPlaneException.badRequest(
                    "A service account's name is 2 to 31 lowercase letters, digits or '-', starting with a letter.");
        }
        if (accounts.findByName(name).isPresent()) {
            throw ControlPlaneException.conflict("A service account named '" + name + "' already exists.");
        }
        var token = Secrets.generate(PREFIX);
        var account =
                accounts.save(new ServiceAccountEntity(UUID.randomUUID(), name, Secrets.hash(token), clock.instant()));
        log.info("Created service account account={} name={} by user={}", account.id(), name, actor.id());
        return view(account).withToken(token);
    }

    /** Gives the account a new token; the old one stops working at once. */
    @Transactional
    public ServiceAccount rotate(CurrentUser actor, UUID id) {
        requireAdmin(actor);
        var account = find(id);
        var token = Secrets.generate(PREFIX);
        account.rotate(Secrets.hash(token), clock.instant());
        log.info("Rotated the token of service account account={} by user={}", id, actor.id());
        return view(account).withToken(token);
    }

    @Transactional
    public ServiceAccount disable(CurrentUser actor, UUID id) {
        requireAdmin(actor);
        var account = find(id);
        account.disable(clock.instant());
        log.info("Disabled service account account={} by user={}", id, actor.id());
        return view(account);
    }

    @Transactional
    public ServiceAccount enable(CurrentUser actor, UUID id) {
        requireAdmin(actor);
        var account = find(id);
        account.enable();
        log.info("Enabled service account account={} by user={}", id, actor.id());
        return view(account);
    }

    /**
     * Makes sure the bot {@code name} has an account whose token is {@code token}: creates it, or
     * gives it this token when it had another. Returns whether anything changed.
     */
    @Transactional
    boolean provision(String name, String token) {
        var hash = Secrets.hash(token);
        var existing = accounts.findByName(name);
        if (existing.isEmpty()) {
            accounts.save(new ServiceAccountEntity(UUID.randomUUID(), name, hash, clock.instant()));
            log.info("Created the service account of bot={}", name);
            return true;
        }
        if (Secrets.same(existing.get().tokenHash(), hash)) {
            return false;
        }
        existing.get().rotate(hash, clock.instant());
        log.info("Gave the service account of bot={} its configured token", name);
        return true;
    }

    /** The enabled account holding {@code token}. */
    @Transactional(readOnly = true)
    Optional<ServiceAccount> holderOf(String token) {
        var hash = Secrets.hash(token);
        return accounts.findByTokenHash(hash)
                .filter(a -> Secrets.same(a.tokenHash(), hash) && a.disabledAt() == null)
                .map(ServiceAccounts::view);
    }

    @Transactional(readOnly = true)
    Optional<ServiceAccount> find(String name) {
        return accounts.findByName(name).map(ServiceAccounts::view);
    }

    private ServiceAccountEntity find(UUID id) {
        return accounts.findById(id).orElseThrow(() -> ControlPlaneException.notFound("service account", id));
    }

    private static ServiceAccount view(ServiceAccountEntity e) {
        return new ServiceAccount(e.id(), e.name(), e.namespace(), e.createdAt(), e.rotatedAt(), e.disabledAt(), null);
    }

    private static void requireAdmin(CurrentUser actor) {
        if (!actor.admin()) {
            throw ControlPlaneException.forbidden("Only admins may manage service accounts.");
        }
    }
}
