package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.system.BotCaller;
import io.codinspect.controlplane.system.BotTokenAuthenticator;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.user.UserManagement;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets a bot's service account in: as itself (for {@code /api/bot/**} only) or acting for a person
 * with an identity in its namespace, who is then the caller, never with admin rights.
 */
@Component
class BotAuthentication implements BotTokenAuthenticator {

    private static final Refused UNKNOWN =
            new Refused(401, "Unauthorized", "This service-account token is unknown, rotated or disabled.");

    private final ServiceAccounts accounts;
    private final Identities identities;
    private final UserManagement users;

    BotAuthentication(ServiceAccounts accounts, Identities identities, UserManagement users) {
        this.accounts = accounts;
        this.identities = identities;
        this.users = users;
    }

    @Override
    public boolean isBotToken(String token) {
        return token != null && token.startsWith(ServiceAccounts.PREFIX);
    }

    @Override
    @Transactional(readOnly = true)
    public Outcome authenticate(String token, UUID onBehalfOf) {
        if (!isBotToken(token)) {
            return UNKNOWN;
        }
        var account = accounts.holderOf(token).orElse(null);
        if (account == null) {
            return UNKNOWN;
        }
        var via = new CurrentUser.Via(account.id(), account.name(), account.namespace());
        if (onBehalfOf == null) {
            return new Bot(new BotCaller(account.id(), account.name(), account.namespace()));
        }
        var user = users.find(onBehalfOf).orElse(null);
        if (user == null || !identities.known(account.namespace(), onBehalfOf)) {
            return new Refused(
                    403,
                    "Forbidden",
                    "This service account may act only for people it resolved through /api/bot/identities/resolve.");
        }
        if (user.disabled()) {
            return new Refused(403, "Account disabled", "This account is disabled; ask an administrator to enable it.");
        }
        return new ActingFor(new CurrentUser(user.id(), user.name(), user.login(), user.email(), false, null, via));
    }
}
