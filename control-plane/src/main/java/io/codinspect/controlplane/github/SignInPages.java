package io.codinspect.controlplane.github;

import io.codinspect.controlplane.user.ApiTokens;
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
 * The pages that end a GitHub sign-in: on success a new API token for the signed-in user, which
 * the web UI's {@code signin-complete.js} keeps in the browser before opening the app (the token is
 * in the page once, never in a URL; it expires after {@code codinspect.users.browser-token-ttl}); on
 * refusal a 403 page saying why.
 */
class SignInPages {

    private final UserManagement users;
    private final ApiTokens tokens;
    private final GitHubIdentities identities;
    private final OAuth2AuthorizedClientRepository authorizedClients;

    SignInPages(
            UserManagement users,
            ApiTokens tokens,
            GitHubIdentities identities,
            OAuth2AuthorizedClientRepository authorizedClients) {
        this.users = users;
        this.tokens = tokens;
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
        var token = tokens.mintForBrowser(user.id(), "Browser sign-in with GitHub");
        request.getSession().invalidate(); // the web UI works with the token; no browser session is kept
        page(
                response,
                200,
                "Signed in",
                "<p>Signed in as <strong>" + HtmlUtils.htmlEscape(user.name()) + "</strong> ("
                        + HtmlUtils.htmlEscape(login)
                        + " on GitHub). Opening CodInspect…</p>"
                        + "<p id=\"hint\" hidden>This browser does not keep data for sites: copy the API token"
                        + " below (shown only this once) and sign in with it at <a href=\"/signin\">/signin</a>.</p>"
                        + "<pre id=\"token\">" + HtmlUtils.htmlEscape(token.token()) + "</pre>"
                        + "<span id=\"token-id\" hidden>" + token.id() + "</span>"
                        + "<script src=\"/signin-complete.js\"></script>");
    }

    void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var reason = exception instanceof OAuth2AuthenticationException oauth
                        && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription()
                : "GitHub sign-in failed.";
        page(
                response,
                403,
                "Access denied",
                "<p id=\"reason\">" + HtmlUtils.htmlEscape(reason) + "</p>"
                        + "<p><a href=\"/signin\">Back to sign in</a></p>");
    }

    private static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter()
                .write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                        + " content=\"width=device-width, initial-scale=1\"><title>CodInspect: " + title
                        + "</title></head><body style=\"font-family: system-ui, sans-serif; max-width: 36rem;"
                        + " margin: 10vh auto; padding: 0 1rem\"><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
