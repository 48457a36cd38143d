package io.codinspect.controlplane.sandbox;

import java.util.UUID;

/**
 * What a provider needs to start a sandbox for a session.
 *
 * @param bridgeUrl the WebSocket URL the sandbox's supervisor connects to
 * @param bridgeToken the sandbox's own secret for the bridge; never logged
 * @param agentConfig the agent's (OpenCode's) configuration as JSON; holds provider keys, never logged
 */
public record SandboxSpec(
        UUID sandboxId,
        UUID sessionId,
        String repository,
        String baseBranch,
        String branch,
        String bridgeUrl,
        String bridgeToken,
        String agentConfig) {

    @Override
    public String toString() {
        return "SandboxSpec[sandboxId=%s, sessionId=%s, repository=%s, branch=%s, bridgeUrl=%s, bridgeToken=***, agentConfig=***]"
                .formatted(sandboxId, sessionId, repository, branch, bridgeUrl);
    }
}
