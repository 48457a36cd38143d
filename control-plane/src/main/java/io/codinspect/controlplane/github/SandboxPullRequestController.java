package io.codinspect.controlplane.github;

import io.codinspect.controlplane.prompt.PromptKind;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.prompt.PromptStatus;
import io.codinspect.controlplane.sandbox.SandboxLifecycle;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's {@code create-pull-request} tool, relayed by the supervisor with the sandbox's
 * token: the pull request is opened for the author of the prompt the sandbox is running.
 */
@RestController
class SandboxPullRequestController {

    private final SandboxLifecycle sandboxes;
    private final PromptQueue prompts;
    private final PullRequests pullRequests;

    SandboxPullRequestController(SandboxLifecycle sandboxes, PromptQueue prompts, PullRequests pullRequests) {
        this.sandboxes = sandboxes;
        this.prompts = prompts;
        this.pullRequests = pullRequests;
    }

    @PostMapping("/sandbox-api/pull-request")
    PullRequests.View open(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Valid @RequestBody NewPullRequest request) {
        var sandbox = sandboxes.requireLive(authorization);
        var running = prompts.list(sandbox.sessionId()).stream()
                .filter(p -> p.status() == PromptStatus.running)
                .findFirst()
                .orElseThrow(() -> ControlPlaneException.conflict("No prompt is running in this session."));
        if (running.kind() == PromptKind.review) {
            throw ControlPlaneException.conflict("A review neither pushes nor opens pull requests.");
        }
        var author = running.author();
        var actor = new CurrentUser(UUID.fromString(author.id()), author.name(), author.login(), author.email(), false);
        return pullRequests.open(actor, sandbox.sessionId(), request);
    }
}
