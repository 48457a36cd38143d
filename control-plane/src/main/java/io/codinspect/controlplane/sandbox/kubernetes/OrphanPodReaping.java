package io.codinspect.controlplane.sandbox.kubernetes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the {@link SandboxPodReaper} every {@code reaper-interval} on the replica that holds the lease. */
final class OrphanPodReaping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrphanPodReaping.class);

    private final ReaperLease lease;
    private final SandboxPodReaper reaper;

    OrphanPodReaping(ReaperLease lease, SandboxPodReaper reaper) {
        this.lease = lease;
        this.reaper = reaper;
    }

    @Scheduled(
            fixedDelayString = "${codinspect.sandbox.kubernetes.reaper-interval:1m}",
            initialDelayString = "${codinspect.sandbox.kubernetes.reaper-interval:1m}")
    void reap() {
        if (!lease.held()) {
            return;
        }
        try {
            reaper.reap();
        } catch (RuntimeException e) {
            log.warn("Reaping orphaned sandbox pods failed; trying again next time: {}", e.toString());
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
