package io.codinspect.controlplane.github;

import io.codinspect.controlplane.sandbox.SandboxLifecycle;
import io.codinspect.controlplane.system.ControlPlaneException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Git credentials for sandboxes, asked for by the git credential helper inside each sandbox with
 * the sandbox's own token: a short-lived installation token, only for the configured GitHub host
 * and only while the sandbox is live. Never logged.
 */
@RestController
class GitCredentialController {

    /** What git asks for: {@code protocol} and {@code host} of the remote (as git's credential protocol). */
    record CredentialRequest(
            @NotBlank String protocol, @NotBlank String host, String path) {}

    /** What git gets back. */
    record Credential(String username, String password, Instant expiresAt) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GitCredentialController.class);

    private final SandboxLifecycle sandboxes;
    private final GitHubRepos repos;
    private final ObjectProvider<InstallationTokens> tokens;

    GitCredentialController(SandboxLifecycle sandboxes, GitHubRepos repos, ObjectProvider<InstallationTokens> tokens) {
        this.sandboxes = sandboxes;
        this.repos = repos;
        this.tokens = tokens;
    }

    @PostMapping("/sandbox-api/git-credential")
    Credential credential(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Valid @RequestBody CredentialRequest request) {
        var sandbox = sandboxes.requireLive(authorization);
        var url = request.protocol() + "://" + request.host() + "/";
        var installation = tokens.getIfAvailable();
        if (installation == null || !repos.onGitHub(url)) {
            throw new ControlPlaneException(
                    HttpStatus.NOT_FOUND,
                    "No credentials",
                    "This control plane gives git credentials only for its GitHub host.");
        }
        var issued = installation.token();
        log.info(
                "Gave sandbox={} a git credential for {} valid until {}",
                sandbox.sandboxId(),
                request.host(),
                issued.expiresAt());
        return new Credential("x-access-token", issued.value(), issued.expiresAt());
    }
}
