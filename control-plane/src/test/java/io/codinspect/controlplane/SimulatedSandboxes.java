package io.codinspect.controlplane;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.testkit.SimulatedSandbox;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox provider for tests: each spawn connects a {@link SimulatedSandbox} to the real bridge
 * endpoint with the real per-sandbox token, where the next issue's provider starts a supervisor.
 */
public final class SimulatedSandboxes implements SandboxProvider {

    private final Map<UUID, List<SimulatedSandbox>> bySession = new ConcurrentHashMap<>();
    private final Map<UUID, SimulatedSandbox> byId = new ConcurrentHashMap<>();
    private final Map<UUID, List<SandboxSpec>> specs = new ConcurrentHashMap<>();
    private final List<UUID> stopped = new CopyOnWriteArrayList<>();
    private volatile boolean neverConnect;

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void spawn(SandboxSpec spec) {
        var sandbox = new SimulatedSandbox(URI.create(spec.bridgeUrl()), spec.bridgeToken());
        byId.put(spec.sandboxId(), sandbox);
        specs.computeIfAbsent(spec.sessionId(), id -> new CopyOnWriteArrayList<>())
                .add(spec);
        bySession
                .computeIfAbsent(spec.sessionId(), id -> new CopyOnWriteArrayList<>())
                .add(sandbox);
        if (!neverConnect) {
            sandbox.connect();
        }
    }

    @Override
    public void stop(UUID sandboxId) {
        stopped.add(sandboxId);
        var sandbox = byId.get(sandboxId);
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

    /** While set, spawned sandboxes never connect, like pods that never get scheduled. */
    public void neverConnect(boolean value) {
        neverConnect = value;
    }

    /** The sandboxes spawned for a session, oldest first. */
    public List<SimulatedSandbox> of(UUID sessionId) {
        return bySession.getOrDefault(sessionId, List.of());
    }

    /** What the provider was asked to start for a session (with each sandbox's own token), oldest first. */
    public List<SandboxSpec> specsOf(UUID sessionId) {
        return specs.getOrDefault(sessionId, List.of());
    }

    public List<UUID> stopped() {
        return List.copyOf(stopped);
    }
}
