package io.codinspect.controlplane.github;

import io.codinspect.controlplane.user.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages that end a GitHub sign-in: on success a new API token for the signed-in user (shown
 * once, as when an admin mints one; the web UI will use a browser session instead), on refusal a
 * 403 page saying why.
 */
class SignInPages {

    private final UserManagement users;
    private final GitHubIdentities identities;
    private final OAuth2AuthorizedClientRepository authorizedClients;

    SignInPages(UserManagement users, GitHubIdentities identities, OAuth2AuthorizedClientRepository authorizedClients) {
        this.users = users;
        this.identities = identities;
        this.authorizedClients = authorizedClients;
    }

    void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var principal = (OAuth2User) authentication.getPrincipal();
        String userId = principal.getAttribute(GitHubSignIn.USER_ID);
        String login = principal.getAttribute("login");
        var user = users.get(UUID.fromString(userId));
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient("github", authentication, request);
        if (client != null && client.getRefreshToken() != null) {
            identities.keepRefreshToken(user.id(), client.getRefreshToken().getTokenValue());
        }
        var token = users.mintToken(UserManagement.asCurrentUser(user), user.id(), "GitHub sign-in");
        request.getSession().invalidate(); // the API works with the token; no browser session is kept
        page(
                response,
                200,
                "Signed in",
                "<p>Signed in as <strong>" + HtmlUtils.htmlEscape(user.name()) + "</strong> ("
                        + HtmlUtils.htmlEscape(login)
                        + " on GitHub).</p><p>Your API token, shown only this once:</p><pre id=\"token\">"
                        + HtmlUtils.htmlEscape(token.token()) + "</pre>");
    }

    void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var reason = exception instanceof OAuth2AuthenticationException oauth
                        && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription()
                : "GitHub sign-in failed.";
        page(response, 403, "Not allowed", "<p id=\"reason\">" + HtmlUtils.htmlEscape(reason) + "</p>");
    }

    private static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter()
                .write("<!doctype html><html><head><meta charset=\"utf-8\"><title>CodInspect: " + title
                        + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
