package io.codinspect.controlplane.github;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation's GitHub App: it clones and pushes for every session. Unset {@code appId}
 * means GitHub is not used (sessions then take plain git URLs only).
 *
 * @param appId the App's id
 * @param privateKey the App's private key, PEM (PKCS#1 as GitHub hands it out, or PKCS#8); or
 * @param privateKeyFile a file holding it (a mounted secret)
 * @param installationId the installation to act as; the App's first installation when unset
 * @param apiUrl the REST API, {@code https://<host>/api/v3} on GitHub Enterprise Server
 * @param webUrl where repositories are cloned from
 * @param tokenRefreshMargin an installation token with less than this left is replaced
 * @param callTimeout longest any call to GitHub may take
 * @param repoCacheTtl how long the list of reachable repositories is served from memory
 * @param publicUrl CodInspect's own address, for the link back to the session in pull requests
 * @param pullRequests how pull requests are opened, for all repositories
 * @param repositories the same per repository ({@code owner/name}), overriding the global one
 * @param webhookSecret the secret GitHub signs webhook deliveries with ({@code X-Hub-Signature-256});
 *     webhooks are refused while it is unset
 * @param webhookRetention how long a webhook delivery id is remembered to refuse a second delivery
 *     of it; older ones are purged hourly
 */
@ConfigurationProperties("codinspect.github")
public record GitHubProperties(
        Long appId,
        String privateKey,
        Path privateKeyFile,
        Long installationId,
        @DefaultValue("https://api.github.com") String apiUrl,
        @DefaultValue("https://github.com") String webUrl,
        @DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue("20s") Duration callTimeout,
        @DefaultValue("60s") Duration repoCacheTtl,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue PullRequestPolicy pullRequests,
        @DefaultValue Map<String, PullRequestPolicy> repositories,
        String webhookSecret,
        @DefaultValue("14d") Duration webhookRetention) {

    public GitHubProperties {
        // one place that drops trailing slashes, so every URL built from these is "<base>/<path>"
        apiUrl = withoutTrailingSlash(apiUrl);
        webUrl = withoutTrailingSlash(webUrl);
        publicUrl = withoutTrailingSlash(publicUrl);
    }

    private static String withoutTrailingSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    /**
     * Rules for pull requests.
     *
     * @param draft open every pull request as a draft
     * @param label a label every pull request gets, e.g. {@code codinspect}
     */
    public record PullRequestPolicy(@DefaultValue("false") boolean draft, String label) {}

    /** The policy for {@code owner/name}: its own if configured, else the global one. */
    public PullRequestPolicy policyFor(String repository) {
        return repositories.getOrDefault(repository, pullRequests);
    }

    public boolean configured() {
        return appId != null;
    }

    @Override
    public String toString() {
        return "GitHubProperties[appId=%s, installationId=%s, apiUrl=%s, webUrl=%s, privateKey=***, webhookSecret=***]"
                .formatted(appId, installationId, apiUrl, webUrl);
    }
}
