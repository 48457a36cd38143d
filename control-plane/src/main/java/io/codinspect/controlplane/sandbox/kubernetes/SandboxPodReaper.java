package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sandbox pods (and their Secrets) that no live sandbox owns any more: their sandbox
 * ended — stopped, failed, lost after a stale heartbeat — or their session is gone, and the delete
 * at that moment did not happen (a crash, an API outage). Pods younger than {@code grace} are left
 * alone. Only the replica holding the reaper's Lease runs it (see {@link ReaperLease}).
 */
final class SandboxPodReaper {

    private static final Logger log = LoggerFactory.getLogger(SandboxPodReaper.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Predicate<UUID> live;
    private final Clock clock;
    private final Duration grace;

    SandboxPodReaper(KubernetesClient client, String namespace, Predicate<UUID> live, Clock clock, Duration grace) {
        this.client = client;
        this.namespace = namespace;
        this.live = live;
        this.clock = clock;
        this.grace = grace;
    }

    /** One pass; returns how many orphans it deleted. */
    int reap() {
        int deleted = 0;
        var pods = client.pods()
                .inNamespace(namespace)
                .withLabel(SandboxPods.MANAGED_BY, SandboxPods.CODINSPECT)
                .withLabel(SandboxPods.COMPONENT, "sandbox")
                .list()
                .getItems();
        for (var pod : pods) {
            if (orphan(pod)) {
                var name = pod.getMetadata().getName();
                client.pods().inNamespace(namespace).withName(name).delete();
                client.secrets().inNamespace(namespace).withName(name).delete();
                log.info(
                        "Reaped orphaned pod={} of session={}",
                        name,
                        pod.getMetadata().getLabels().get(SandboxPods.SESSION_LABEL));
                deleted++;
            }
        }
        return deleted;
    }

    private boolean orphan(Pod pod) {
        var sandbox = pod.getMetadata().getLabels().get(SandboxPods.SANDBOX_LABEL);
        if (sandbox == null) {
            return false;
        }
        var created = pod.getMetadata().getCreationTimestamp();
        if (created != null && Instant.parse(created).plus(grace).isAfter(clock.instant())) {
            return false;
        }
        try {
            return !live.test(UUID.fromString(sandbox));
        } catch (IllegalArgumentException e) {
            return false; // not a label we wrote
        }
    }
}
