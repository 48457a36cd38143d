package io.codinspect.controlplane.github;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.controlplane.sandbox.SandboxSpecDecorator;
import org.springframework.stereotype.Component;

/**
 * Sandboxes of sessions on the GitHub host get the agent's {@code create-pull-request} tool; others
 * do not (loading a custom tool costs OpenCode about a second at start).
 */
@Component
class PullRequestTool implements SandboxSpecDecorator {

    private final GitHubRepos repos;

    PullRequestTool(GitHubRepos repos) {
        this.repos = repos;
    }

    @Override
    public SandboxSpec decorate(SandboxSpec spec) {
        return repos.onGitHub(spec.repository()) ? spec.withAgentTool("create-pull-request") : spec;
    }
}
