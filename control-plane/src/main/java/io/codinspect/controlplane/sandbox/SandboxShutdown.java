package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.event.EventReactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the control plane shuts down, the sandboxes that end with it (local processes) are asked to
 * stop all at once, first of all: while the web server (their bridge), the event ingest and the
 * database are still up, so that each one's last report — its running turn's work committed,
 * pushed and named in the prompt's ending — is stored. They get {@code codinspect.sandbox.stop-grace}
 * together; then they are recorded as stopped.
 */
@Component
class SandboxShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxShutdown.class);
    private static final java.time.Duration REACTIONS_WAIT = java.time.Duration.ofSeconds(5);

    static final String REASON = "the control plane is shutting down";

    private final SandboxSpawner spawner;
    private final SandboxLifecycle lifecycle;
    private final EventReactions reactions;
    private final BridgeConnections bridges;
    private volatile boolean running;

    SandboxShutdown(
            SandboxSpawner spawner, SandboxLifecycle lifecycle, EventReactions reactions, BridgeConnections bridges) {
        this.spawner = spawner;
        this.lifecycle = lifecycle;
        this.reactions = reactions;
        this.bridges = bridges;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        spawner.close(); // nothing new starts from now on
        if (!spawner.sandboxesEndWithTheControlPlane()) {
            return; // pods live on and reconnect to the next control plane
        }
        bridges.announceShutdown(REASON); // they say why in the prompt they stop
        var stopped = spawner.stopAllForShutdown();
        if (stopped.isEmpty()) {
            return;
        }
        reactions.awaitIdle(REACTIONS_WAIT); // their last reports end their prompts first
        for (var id : stopped) {
            try {
                lifecycle.endIfLive(id, SandboxState.stopped, "the control plane shut down");
            } catch (RuntimeException e) {
                log.warn("Could not record that sandbox={} stopped", id, e);
            }
        }
        log.info("Stopped {} sandboxes for the shutdown", stopped.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First to stop: before the web server's graceful shutdown and the event ingest. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
