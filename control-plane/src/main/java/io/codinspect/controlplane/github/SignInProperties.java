package io.codinspect.controlplane.github;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with GitHub (an OAuth App or the GitHub App's OAuth credentials) and who may sign in.
 * Admission is deny-by-default: a person is let in when their login, one of their organisations,
 * their verified email or its domain is listed, or when {@code allow-everyone} is set, which lets
 * anyone with a GitHub account use the deployment's model keys and GitHub App.
 *
 * @param clientId the OAuth client id; unset turns sign-in off
 * @param clientSecret the OAuth client secret
 * @param encryptionKey 32 random bytes, base64: encrypts users' GitHub tokens at rest; required
 *     when sign-in is on
 * @param allowedLogins GitHub logins let in
 * @param allowedOrgs GitHub organisations whose members are let in (checked at each sign-in)
 * @param allowedEmails verified email addresses let in
 * @param allowedEmailDomains domains of verified email addresses let in, e.g. {@code acme.com}
 * @param allowEveryone let in anyone with a GitHub account (unsafe on a reachable deployment)
 */
@ConfigurationProperties("codinspect.github.sign-in")
public record SignInProperties(
        String clientId,
        String clientSecret,
        String encryptionKey,
        @DefaultValue List<String> allowedLogins,
        @DefaultValue List<String> allowedOrgs,
        @DefaultValue List<String> allowedEmails,
        @DefaultValue List<String> allowedEmailDomains,
        @DefaultValue("false") boolean allowEveryone) {

    @Override
    public String toString() {
        return "SignInProperties[clientId=%s, clientSecret=***, encryptionKey=***, logins=%s, orgs=%s, emails=%s, domains=%s, everyone=%s]"
                .formatted(clientId, allowedLogins, allowedOrgs, allowedEmails, allowedEmailDomains, allowEveryone);
    }
}
