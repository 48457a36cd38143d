package io.codinspect.controlplane.github;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The session's pull request. */
@RestController
@RequestMapping("/api/sessions/{sessionId}/pull-request")
class PullRequestController {

    private final PullRequests pullRequests;

    PullRequestController(PullRequests pullRequests) {
        this.pullRequests = pullRequests;
    }

    /** Opens the pull request, or updates the one already open for the session branch. */
    @PostMapping
    PullRequests.View open(
            @AuthenticationPrincipal CurrentUser actor,
            @PathVariable UUID sessionId,
            @Valid @RequestBody(required = false) NewPullRequest request) {
        return pullRequests.open(
                actor, sessionId, request == null ? new NewPullRequest(null, null, null, null) : request);
    }

    /** Reads the state from GitHub now instead of waiting for a webhook. */
    @PostMapping("/refresh")
    PullRequests.View refresh(@PathVariable UUID sessionId) {
        return pullRequests.refresh(sessionId);
    }

    @GetMapping
    PullRequests.View get(@PathVariable UUID sessionId) {
        return pullRequests
                .of(sessionId)
                .orElseThrow(() -> ControlPlaneException.notFound("Pull request of session", sessionId));
    }
}
