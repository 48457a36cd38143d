package io.codinspect.controlplane.github;

import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.sandbox.SandboxLifecycle;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.ControlPlaneException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Git credentials for sandboxes, asked for by the git credential helper inside each sandbox with
 * the sandbox's own token: an installation token narrowed to the session's repository with
 * {@code contents: write} ({@link SandboxCredentials}), only for the configured GitHub host, only
 * for that repository, and only while the sandbox is live. Never logged.
 */
@RestController
class GitCredentialController {

    /**
     * What git asks for, as git's credential protocol: {@code protocol} and {@code host} of the
     * remote, and its {@code path} when git sends one ({@code credential.useHttpPath}).
     */
    record CredentialRequest(
            @NotBlank @Size(max = 20) String protocol,
            @NotBlank @Size(max = 255) String host,
            @Size(max = 1000) String path) {}

    /** What git gets back. */
    record Credential(String username, String password, Instant expiresAt) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GitCredentialController.class);

    private final SandboxLifecycle sandboxes;
    private final SessionManagement sessions;
    private final GitHubRepos repos;
    private final SandboxCredentials credentials;
    private final PromptQueue prompts;

    GitCredentialController(
            SandboxLifecycle sandboxes,
            SessionManagement sessions,
            GitHubRepos repos,
            SandboxCredentials credentials,
            PromptQueue prompts) {
        this.prompts = prompts;
        this.sandboxes = sandboxes;
        this.sessions = sessions;
        this.repos = repos;
        this.credentials = credentials;
    }

    @PostMapping("/sandbox-api/git-credential")
    Credential credential(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Valid @RequestBody CredentialRequest request) {
        var sandbox = sandboxes.requireLive(authorization);
        var remote = request.protocol() + "://" + request.host() + "/";
        var repository = repos.ownerName(sessions.get(sandbox.sessionId()).repository());
        if (!repos.onGitHub(remote) || repository.isEmpty()) {
            throw new ControlPlaneException(
                    HttpStatus.NOT_FOUND,
                    "No credentials",
                    "This control plane gives git credentials only for its GitHub host and a session on it.");
        }
        var path = request.path() == null ? "" : request.path().replaceFirst("^/+", "");
        if (!path.isEmpty()
                && !repos.ownerName(remote + path)
                        .map(repository.get()::equalsIgnoreCase)
                        .orElse(false)) {
            throw ControlPlaneException.forbidden("A sandbox gets git credentials for its session's repository only.");
        }
        var name = repository.get().substring(repository.get().indexOf('/') + 1);
        var review = prompts.reviewRunning(sandbox.sessionId());
        var token = credentials.forSandbox(sandbox.sandboxId(), name, review);
        log.info(
                "Gave sandbox={} its {} git credential for repository={} valid until {}",
                sandbox.sandboxId(),
                review ? "read-only (a review runs)" : "read-write",
                repository.get(),
                token.expiresAt());
        return new Credential("x-access-token", token.value(), token.expiresAt());
    }
}
