package io.codinspect.controlplane.github;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.HttpClientGitHubConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App's installation access tokens. The broad one, for the control plane's own calls
 * (repository lists, pull requests), is created with an App JWT, kept in memory, and replaced once
 * less than {@code codinspect.github.token-refresh-margin} is left; concurrent callers share one
 * refresh. Narrowed ones, for sandboxes, reach one repository with {@code contents: write} only
 * and can be revoked ({@link SandboxCredentials} holds them). Tokens are never logged.
 */
public class InstallationTokens {

    /** A token and when GitHub says it expires. */
    public record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(InstallationTokens.class);

    private final GitHubProperties properties;
    private final AppJwt jwt;
    private final Clock clock;
    private final HttpClient http;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Token current;

    InstallationTokens(GitHubProperties properties, Clock clock) {
        this.properties = properties;
        this.jwt = new AppJwt(properties.appId(), privateKey(properties), clock);
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A token with at least the refresh margin left. */
    public Token token() {
        var token = current;
        if (fresh(token)) {
            return token;
        }
        refresh.lock();
        try {
            if (!fresh(current)) {
                current = create();
            }
            return current;
        } finally {
            refresh.unlock();
        }
    }

    /** Replaces the token now (after GitHub refused it, or in tests). */
    Token refreshNow() {
        refresh.lock();
        try {
            current = create();
            return current;
        } finally {
            refresh.unlock();
        }
    }

    /** A client acting as the installation. */
    GitHub installationClient() {
        var token = token().value();
        return GitHubCalls.within(
                properties.callTimeout(),
                "a client",
                () -> builder().withAppInstallationToken(token).build());
    }

    private boolean fresh(Token token) {
        return token != null && token.expiresAt().isAfter(clock.instant().plus(properties.tokenRefreshMargin()));
    }

    private Token create() {
        var created = GitHubCalls.within(properties.callTimeout(), "the installation token request", () -> {
            var token = installation().createToken().create();
            return new Token(token.getToken(), token.getExpiresAt().toInstant());
        });
        log.info("Created a GitHub installation token valid until {}", created.expiresAt());
        return created;
    }

    /**
     * A new token that reaches only {@code repository} (a name of the installation's account,
     * without owner) and may only read and write its contents: what a sandbox's git needs to fetch
     * and push, and nothing else.
     */
    Token narrowed(String repository) {
        return narrowed(repository, GHPermissionType.WRITE);
    }

    /** A token for {@code repository} only, with {@code contents} at {@code access} (READ: fetch, never push). */
    Token narrowed(String repository, GHPermissionType access) {
        return GitHubCalls.within(properties.callTimeout(), "the narrowed installation token request", () -> {
            var token = installation()
                    .createToken()
                    .repositories(List.of(repository))
                    .permissions(Map.of("contents", access))
                    .create();
            return new Token(token.getToken(), token.getExpiresAt().toInstant());
        });
    }

    /**
     * Revokes {@code token} at GitHub ({@code DELETE /installation/token}, authenticated with the
     * token itself), within the call timeout. True when GitHub no longer accepts it: revoked now, or
     * refused as already revoked or expired (401); false when it should be tried again.
     */
    boolean revoke(Token token) {
        var request = HttpRequest.newBuilder(URI.create(properties.apiUrl() + "/installation/token"))
                .timeout(properties.callTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .DELETE()
                .build();
        try {
            var status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 204 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private GHAppInstallation installation() throws IOException {
        var app = builder().withJwtToken(jwt.create()).build().getApp();
        return properties.installationId() != null
                ? app.getInstallationById(properties.installationId())
                : app.listInstallations().toList().getFirst();
    }

    /** A builder for this GitHub (endpoint and HTTP client with timeouts), without credentials. */
    GitHubBuilder builder() {
        return new GitHubBuilder().withEndpoint(properties.apiUrl()).withConnector(new HttpClientGitHubConnector(http));
    }

    private static String privateKey(GitHubProperties properties) {
        if (properties.privateKey() != null && !properties.privateKey().isBlank()) {
            return properties.privateKey();
        }
        if (properties.privateKeyFile() == null) {
            throw new IllegalStateException(
                    "codinspect.github.app-id is set but neither codinspect.github.private-key nor .private-key-file is");
        }
        try {
            return Files.readString(properties.privateKeyFile());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read codinspect.github.private-key-file " + properties.privateKeyFile() + ": " + e);
        }
    }
}
