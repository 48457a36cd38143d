package io.codinspect.bench.gateway;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.testkit.SimulatedSandbox;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway benchmark's sandbox provider: every spawn connects a {@link SimulatedSandbox} to the
 * real bridge, which takes the session's prompt and keeps it running, and keeps the agent token
 * the control plane gave it, which the benchmark then calls the gateway with as the sandbox's
 * agent would.
 */
final class AgentSandboxes implements SandboxProvider {

    private final Map<UUID, String> agentTokens = new ConcurrentHashMap<>();
    private final Map<UUID, SimulatedSandbox> byId = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "bench-gateway";
    }

    @Override
    public void spawn(SandboxSpec spec) {
        var sandbox = new SimulatedSandbox(URI.create(spec.bridgeUrl()), spec.bridgeToken());
        byId.put(spec.sandboxId(), sandbox);
        sandbox.connect();
        agentTokens.put(spec.sessionId(), spec.agentToken());
    }

    @Override
    public void stop(UUID sandboxId) {
        var sandbox = byId.remove(sandboxId);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public ProviderStatus status(UUID sandboxId) {
        var sandbox = byId.get(sandboxId);
        return sandbox == null
                ? ProviderStatus.unknown
                : sandbox.isConnected() ? ProviderStatus.running : ProviderStatus.stopped;
    }

    /** The agent tokens of the sessions given, once each has its sandbox; empty while one has none. */
    List<String> agentTokens(List<UUID> sessions) {
        return sessions.stream().allMatch(agentTokens::containsKey)
                ? sessions.stream().map(agentTokens::get).toList()
                : List.of();
    }

    void closeAll() {
        byId.values().forEach(SimulatedSandbox::close);
        byId.clear();
    }
}
