package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import java.time.Clock;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares sandboxes lost when they stop heartbeating or never connect after being requested, and
 * stops sandboxes that have been idle for {@code codinspect.sandbox.idle-timeout}.
 */
@Component
class SandboxReaper {

    private static final Logger log = LoggerFactory.getLogger(SandboxReaper.class);

    private final SandboxRepository sandboxes;
    private final SandboxLifecycle lifecycle;
    private final SandboxProperties properties;
    private final Clock clock;

    SandboxReaper(SandboxRepository sandboxes, SandboxLifecycle lifecycle, SandboxProperties properties, Clock clock) {
        this.sandboxes = sandboxes;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.clock = clock;
    }

    /** After a restart, sandboxes get a full timeout to reconnect before they count as silent. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    void graceAfterStart() {
        sandboxes.refreshHeartbeats(EnumSet.of(SandboxState.connected, SandboxState.disconnected), clock.instant());
    }

    @Scheduled(
            fixedDelayString = "${codinspect.sandbox.reaper-interval:5s}",
            initialDelayString = "${codinspect.sandbox.reaper-interval:5s}")
    void reap() {
        var now = clock.instant();
        var timeout = properties.heartbeatTimeout();
        for (var id : sandboxes.silentSince(
                EnumSet.of(SandboxState.connected, SandboxState.disconnected), now.minus(timeout))) {
            endQuietly(id, SandboxState.lost, "no heartbeat for " + timeout.toSeconds() + " s");
        }
        for (var id :
                sandboxes.silentSince(EnumSet.of(SandboxState.requested), now.minus(properties.connectTimeout()))) {
            endQuietly(
                    id,
                    SandboxState.lost,
                    "it did not connect within " + properties.connectTimeout().toSeconds() + " s");
        }
        var idleBefore = now.minus(properties.idleTimeout());
        for (var id : sandboxes.idleSince(idleBefore)) {
            try {
                lifecycle.stopIfIdle(
                        id, idleBefore, "idle for " + properties.idleTimeout().toMinutes() + " min");
            } catch (RuntimeException e) {
                log.warn("Could not stop idle sandbox={}", id, e);
            }
        }
    }

    private void endQuietly(java.util.UUID id, SandboxState state, String reason) {
        try {
            lifecycle.endNow(id, state, reason);
        } catch (RuntimeException e) {
            log.warn("Could not mark sandbox={} lost", id, e);
        }
    }
}
