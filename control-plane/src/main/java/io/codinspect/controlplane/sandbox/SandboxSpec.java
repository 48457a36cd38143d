package io.codinspect.controlplane.sandbox;

import java.util.List;
import java.util.UUID;

/**
 * What a provider needs to start a sandbox for a session.
 *
 * @param bridgeUrl the WebSocket URL the sandbox's supervisor connects to
 * @param bridgeToken the sandbox's own secret for the bridge; never logged
 * @param agentConfig the agent's (OpenCode's) configuration as JSON, pointing at the control plane's
 *     model gateway with the agent token; never logged
 * @param agentToken the agent's own token for the model gateway and the egress proxy (see {@link
 *     AgentTokens}): readable by the agent, valid only while the sandbox is live; never logged
 * @param agentTools CodInspect's own agent tools this sandbox gets (e.g. {@code create-pull-request})
 * @param checkpointKey the session's key for signing checkpoints (base64); a secret, never logged,
 *     never where the agent can read it; empty (or null) for none: the sandbox then signs no
 *     checkpoint and restores none
 * @param egressProxy the egress proxy's URL with the agent token as its password
 *     ({@code http://sandbox:<agent token>@host:port}), set as the agent's {@code HTTPS_PROXY}; a
 *     secret like the agent token, never logged; empty (or null) for no proxy
 */
public record SandboxSpec(
        UUID sandboxId,
        UUID sessionId,
        String repository,
        String baseBranch,
        String branch,
        String bridgeUrl,
        String bridgeToken,
        String agentConfig,
        String agentToken,
        List<String> agentTools,
        String checkpointKey,
        String egressProxy) {

    public SandboxSpec {
        agentTools = List.copyOf(agentTools);
        checkpointKey = checkpointKey == null ? "" : checkpointKey;
        egressProxy = egressProxy == null ? "" : egressProxy;
    }

    /** The same spec with one more agent tool. */
    public SandboxSpec withAgentTool(String tool) {
        var tools = new java.util.ArrayList<>(agentTools);
        tools.add(tool);
        return new SandboxSpec(
                sandboxId,
                sessionId,
                repository,
                baseBranch,
                branch,
                bridgeUrl,
                bridgeToken,
                agentConfig,
                agentToken,
                tools,
                checkpointKey,
                egressProxy);
    }

    @Override
    public String toString() {
        return "SandboxSpec[sandboxId=%s, sessionId=%s, repository=%s, branch=%s, bridgeUrl=%s, bridgeToken=***, agentConfig=***, agentToken=***, agentTools=%s, checkpointKey=***, egressProxy=***]"
                .formatted(sandboxId, sessionId, repository, branch, bridgeUrl, agentTools);
    }
}
