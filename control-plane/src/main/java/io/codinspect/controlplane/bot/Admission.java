package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.github.SignInProperties;
import org.springframework.stereotype.Component;

/**
 * Whether a person a bot presents may become a user: the same allowlists as sign-in
 * ({@code codinspect.github.sign-in.*}), deny by default, applied to what the platform vouches for.
 */
@Component
class Admission {

    private final SignInProperties rules;

    Admission(SignInProperties rules) {
        this.rules = rules;
    }

    boolean admits(IdentityClaim claim) {
        if (rules.allowEveryone()) {
            return true;
        }
        if (claim.login() != null && rules.allowedLogins().stream().anyMatch(claim.login()::equalsIgnoreCase)) {
            return true;
        }
        if (claim.organizations().stream()
                .anyMatch(org -> rules.allowedOrgs().stream().anyMatch(org::equalsIgnoreCase))) {
            return true;
        }
        var email = claim.confirmedEmail();
        if (email == null) {
            return false;
        }
        var domain = email.substring(email.indexOf('@') + 1);
        return rules.allowedEmails().stream().anyMatch(email::equalsIgnoreCase)
                || rules.allowedEmailDomains().stream().anyMatch(domain::equalsIgnoreCase);
    }
}
