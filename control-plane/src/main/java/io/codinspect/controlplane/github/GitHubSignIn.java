package io.codinspect.controlplane.github;

import io.codinspect.controlplane.user.User;
import io.codinspect.model.event.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import tools.jackson.databind.JsonNode;

/**
 * The last step of "Sign in with GitHub": reads the person's account and verified emails with
 * their new token, admits them only if an allowlist names them (deny by default) and their
 * CodInspect user, if they have one, is not disabled, and links them to a CodInspect user.
 */
class GitHubSignIn implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    static final String USER_ID = "codinspect_user_id";
    private static final Logger log = LoggerFactory.getLogger(GitHubSignIn.class);

    private final GitHubProperties github;
    private final SignInProperties access;
    private final GitHubIdentities identities;
    private final HttpClient http;

    GitHubSignIn(GitHubProperties github, SignInProperties access, GitHubIdentities identities) {
        this.github = github;
        this.access = access;
        this.identities = identities;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        var token = request.getAccessToken().getTokenValue();
        var user = get("/user", token).body();
        var emails = new ArrayList<String>();
        var primary = new String[1];
        get("/user/emails", token).body().forEach(e -> {
            if (e.path("verified").asBoolean(false)) {
                emails.add(e.path("email").asString().toLowerCase(Locale.ROOT));
                if (e.path("primary").asBoolean(false)) {
                    primary[0] = e.path("email").asString();
                }
            }
        });
        var identity = new GitHubIdentities.Identity(
                user.path("id").asLong(),
                user.path("login").asString(),
                user.path("name").asString(null),
                user.path("email").asString(null),
                primary[0],
                user.path("avatar_url").asString(null));
        if (!admitted(identity.login(), emails, token)) {
            log.info("Refused GitHub sign-in of {}: on no allowlist", identity.login());
            var message = "The GitHub account " + identity.login()
                    + " is not allowed to use this CodInspect. Ask an administrator to add your login,"
                    + " organisation or email to its allowlists.";
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", message, null), message);
        }
        if (identities.userOf(identity.id()).filter(User::disabled).isPresent()) {
            log.info("Refused GitHub sign-in of {}: user disabled", identity.login());
            var message = "The CodInspect account of the GitHub account " + identity.login()
                    + " is disabled. Ask an administrator to enable it.";
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", message, null), message);
        }
        var linked = identities.link(identity, token);
        log.info("GitHub sign-in of {} as user={}", identity.login(), linked.id());
        return new DefaultOAuth2User(
                List.of(new SimpleGrantedAuthority("ROLE_USER")),
                Map.of("login", identity.login(), USER_ID, linked.id().toString()),
                "login");
    }

    private boolean admitted(String login, List<String> verifiedEmails, String token) {
        if (access.allowEveryone()) {
            return true;
        }
        if (access.allowedLogins().stream().anyMatch(login::equalsIgnoreCase)) {
            return true;
        }
        for (var email : verifiedEmails) {
            var domain = email.substring(email.indexOf('@') + 1);
            if (access.allowedEmails().stream().anyMatch(email::equalsIgnoreCase)
                    || access.allowedEmailDomains().stream().anyMatch(domain::equalsIgnoreCase)) {
                return true;
            }
        }
        for (var org : access.allowedOrgs()) {
            if (get("/orgs/" + org + "/members/" + login, token).statusCode() == 204) {
                return true;
            }
        }
        return false;
    }

    private record Answer(int statusCode, JsonNode body) {}

    private Answer get(String path, String token) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(github.apiUrl() + path))
                            .timeout(github.callTimeout())
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/vnd.github+json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var body = response.body().isBlank()
                    ? EventCodec.mapper().createObjectNode()
                    : EventCodec.mapper().readTree(response.body());
            if (response.statusCode() >= 500 || (path.startsWith("/user") && response.statusCode() != 200)) {
                throw failure("GitHub answered " + response.statusCode() + " to " + path);
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw failure("GitHub could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    private static OAuth2AuthenticationException failure(String message) {
        return new OAuth2AuthenticationException(new OAuth2Error("server_error", message, null), message);
    }
}
