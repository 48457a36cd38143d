package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.bot.internal.UserIdentityEntity;
import io.codinspect.controlplane.bot.internal.UserIdentityRepository;
import io.codinspect.controlplane.github.GitHubIdentities;
import io.codinspect.controlplane.system.BotCaller;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.user.User;
import io.codinspect.controlplane.user.UserManagement;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolves a person's platform identity, as a bot presents it, to a CodInspect user: the user
 * already linked to it; else the user with its confirmed email (or, on GitHub, its login), now
 * linked; else a new user when the admission rules let the person in; else a refusal.
 */
@Service
public class Identities {

    private static final Logger log = LoggerFactory.getLogger(Identities.class);

    private final UserIdentityRepository identities;
    private final UserManagement users;
    private final GitHubIdentities github;
    private final Admission admission;
    private final BotsProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    Identities(
            UserIdentityRepository identities,
            UserManagement users,
            GitHubIdentities github,
            Admission admission,
            BotsProperties properties,
            JdbcClient jdbc,
            Clock clock) {
        this.identities = identities;
        this.users = users;
        this.github = github;
        this.admission = admission;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public ResolvedIdentity resolve(BotCaller bot, IdentityClaim claim) {
        if (claim.guest() && !properties.allowGuests()) {
            throw notAdmitted("Guests of the workspace may not use CodInspect here; ask an administrator"
                    + " (codinspect.bots.allow-guests).");
        }
        if (claim.foreignWorkspace() && !properties.allowForeignWorkspaces()) {
            throw notAdmitted("People from other workspaces (Slack Connect) may not use CodInspect here; ask an"
                    + " administrator (codinspect.bots.allow-foreign-workspaces).");
        }
        var key = new UserIdentityEntity.Key(bot.namespace(), claim.externalId());
        // one resolution of an identity at a time, so two first messages never create two users
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", key.namespace() + " " + key.externalId())
                .query()
                .singleRow();
        var now = clock.instant();
        var existing = identities.findById(key);
        if (existing.isPresent()) {
            var user = users.get(existing.get().userId());
            requireEnabled(user);
            existing.get().describe(claim.name(), claim.confirmedEmail(), claim.avatarUrl(), now);
            return answer(user, false, false);
        }
        var found = match(bot, claim);
        var created = found.isEmpty();
        if (created && !admission.admits(claim)) {
            throw notAdmitted("You are not allowed to use this CodInspect. Ask an administrator to allow your"
                    + (claim.confirmedEmail() != null ? " email address or its domain." : " account."));
        }
        var user = found.orElseGet(() -> users.createSignedIn(
                claim.name() == null || claim.name().isBlank() ? claim.externalId() : claim.name(),
                claim.confirmedEmail(),
                "github".equals(bot.namespace()) ? claim.login() : null));
        requireEnabled(user);
        var identity = new UserIdentityEntity(key, user.id(), now);
        identity.describe(claim.name(), claim.confirmedEmail(), claim.avatarUrl(), now);
        identities.save(identity);
        log.info(
                "Linked identity namespace={} to user={} created={} by bot={}",
                bot.namespace(),
                user.id(),
                created,
                bot.name());
        return answer(user, created, true);
    }

    /** Whether {@code userId} has an identity in {@code namespace}: a bot of it may act for them. */
    @Transactional(readOnly = true)
    public boolean known(String namespace, UUID userId) {
        return identities.existsByKeyNamespaceAndUserId(namespace, userId);
    }

    private Optional<User> match(BotCaller bot, IdentityClaim claim) {
        if ("github".equals(bot.namespace()) && claim.login() != null) {
            var byLogin = github.userWithLogin(claim.login());
            if (byLogin.isPresent()) {
                return byLogin;
            }
        }
        var email = claim.confirmedEmail();
        return email == null ? Optional.empty() : users.findByEmail(email);
    }

    private static void requireEnabled(User user) {
        if (user.disabled()) {
            throw notAdmitted("Your CodInspect account is disabled; ask an administrator to enable it.");
        }
    }

    private static ResolvedIdentity answer(User user, boolean created, boolean linked) {
        return new ResolvedIdentity(user.id(), user.name(), user.login(), user.email(), created, linked);
    }

    private static ControlPlaneException notAdmitted(String detail) {
        return new ControlPlaneException(HttpStatus.FORBIDDEN, "Not admitted", detail);
    }
}
