package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sandbox pod's status for the troubles its session must hear about, in plain words: an
 * image that cannot be pulled, no node for too long, out of memory, eviction, a failed pod.
 */
final class PodTrouble {

    private static final Set<String> IMAGE_REASONS =
            Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");

    private PodTrouble() {}

    static Optional<String> of(Pod pod, Instant now, Duration unschedulableTimeout) {
        var status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        for (var container : statuses(pod)) {
            var waiting =
                    container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null && IMAGE_REASONS.contains(waiting.getReason())) {
                return Optional.of("The sandbox image " + container.getImage() + " could not be pulled ("
                        + waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())
                        + ").");
            }
            if (waiting != null && "CreateContainerConfigError".equals(waiting.getReason())) {
                return Optional.of("The sandbox container could not be created: " + waiting.getMessage());
            }
            var terminated =
                    container.getState() == null ? null : container.getState().getTerminated();
            if (terminated == null && container.getLastState() != null) {
                terminated = container.getLastState().getTerminated();
            }
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of("The sandbox ran out of memory and was killed (OOMKilled); its memory limit is "
                        + memoryLimit(pod) + ".");
            }
        }
        if ("Evicted".equals(status.getReason())) {
            return Optional.of("Kubernetes evicted the sandbox: " + status.getMessage());
        }
        if ("Failed".equals(status.getPhase())) {
            return Optional.of("The sandbox pod failed"
                    + (status.getReason() == null ? "" : " (" + status.getReason() + ")")
                    + (status.getMessage() == null ? "." : ": " + status.getMessage()));
        }
        return unschedulable(pod, now, unschedulableTimeout);
    }

    private static Optional<String> unschedulable(Pod pod, Instant now, Duration timeout) {
        List<PodCondition> conditions = pod.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .filter(c -> "Unschedulable".equals(c.getReason()))
                .filter(c -> c.getLastTransitionTime() != null
                        && Instant.parse(c.getLastTransitionTime())
                                .plus(timeout)
                                .isBefore(now))
                .findFirst()
                .map(c -> "No node could run the sandbox for " + timeout.toMinutes() + " min: " + c.getMessage());
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        var statuses = pod.getStatus().getContainerStatuses();
        return statuses == null ? List.of() : statuses;
    }

    private static String memoryLimit(Pod pod) {
        var limits = pod.getSpec().getContainers().getFirst().getResources().getLimits();
        return limits == null || !limits.containsKey("memory")
                ? "unset"
                : limits.get("memory").toString();
    }
}
