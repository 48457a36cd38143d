package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes Lease ({@code codinspect-sandbox-reaper}) held by one control plane replica at a
 * time, so that only one of them reaps. Renewed in the background; a replica that stops renewing
 * loses it after the lease duration and another takes over.
 */
final class ReaperLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReaperLease.class);
    static final String NAME = "codinspect-sandbox-reaper";

    private final AtomicBoolean held = new AtomicBoolean();
    private final String identity;
    private volatile CompletableFuture<?> running = CompletableFuture.completedFuture(null);

    private ReaperLease(String identity) {
        this.identity = identity;
    }

    static ReaperLease start(KubernetesClient client, String namespace, Duration leaseDuration) {
        var identity = System.getenv().getOrDefault("HOSTNAME", "control-plane") + "-" + UUID.randomUUID();
        var lease = new ReaperLease(identity);
        LeaderElector elector = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(NAME)
                        .withLock(new LeaseLock(namespace, NAME, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
                        .withRetryPeriod(leaseDuration.dividedBy(5))
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(lease::taken, lease::lost, leader -> {}))
                        .build())
                .build();
        lease.running = elector.start();
        return lease;
    }

    boolean held() {
        return held.get();
    }

    private void taken() {
        held.set(true);
        log.info("This replica ({}) holds lease={} and reaps orphaned sandbox pods", identity, NAME);
    }

    private void lost() {
        held.set(false);
        log.info("This replica ({}) no longer holds lease={}", identity, NAME);
    }

    @Override
    public void close() {
        running.cancel(true);
        held.set(false);
    }
}
