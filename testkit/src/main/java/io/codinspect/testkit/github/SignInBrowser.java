package io.codinspect.testkit.github;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/** A browser going through CodInspect's "Sign in with GitHub": follows the redirects, keeps cookies. */
public final class SignInBrowser {

    private static final Pattern TOKEN = Pattern.compile("<pre id=\"token\">(cit_[^<]+)</pre>");

    /** The last page of the sign-in, and the API token it shows when it succeeded. */
    public record Result(int status, String page) {
        public Optional<String> apiToken() {
            var matcher = TOKEN.matcher(page);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
    }

    private SignInBrowser() {}

    /** Signs in at {@code controlPlane} as whoever is signed in at the fake GitHub. */
    public static Result signIn(URI controlPlane) {
        try (var browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            var response = browser.send(
                    HttpRequest.newBuilder(controlPlane.resolve("/oauth2/authorization/github"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("sign-in failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
