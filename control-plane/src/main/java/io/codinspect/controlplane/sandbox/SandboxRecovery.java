package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the bridge accepts connections: sandboxes the database still calls live but
 * the provider does not know (a local sandbox that died with the last control plane, a pod that is
 * gone) end now, so their sessions go on with a new sandbox at once instead of after the heartbeat
 * timeout. A requested sandbox that never started ends as stopped, so its session's queue is
 * dispatched again rather than failed.
 */
@Component
class SandboxRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxRecovery.class);

    private final SandboxRepository sandboxes;
    private final SandboxLifecycle lifecycle;
    private final SandboxSpawner spawner;
    private volatile boolean running;

    SandboxRecovery(SandboxRepository sandboxes, SandboxLifecycle lifecycle, SandboxSpawner spawner) {
        this.sandboxes = sandboxes;
        this.lifecycle = lifecycle;
        this.spawner = spawner;
    }

    @Override
    public void start() {
        running = true;
        var live = sandboxes.findByStatusIn(
                EnumSet.of(SandboxState.requested, SandboxState.connected, SandboxState.disconnected));
        for (var sandbox : live) {
            try {
                if (spawner.status(sandbox.id()) != SandboxProvider.ProviderStatus.unknown) {
                    continue;
                }
                if (sandbox.status() == SandboxState.requested) {
                    lifecycle.endIfLive(
                            sandbox.id(), SandboxState.stopped, "the control plane restarted before it started");
                } else {
                    lifecycle.endIfLive(sandbox.id(), SandboxState.lost, "the control plane restarted without it");
                }
                log.info("Sandbox={} session={} did not survive the restart", sandbox.id(), sandbox.sessionId());
            } catch (RuntimeException e) {
                log.warn("Could not recover sandbox={}", sandbox.id(), e);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts taking bridge connections. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }
}
