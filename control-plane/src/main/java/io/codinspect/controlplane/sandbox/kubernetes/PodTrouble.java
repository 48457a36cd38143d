package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sandbox pod's status for the troubles its session must hear about, in plain words: an
 * image that cannot be pulled, a container that cannot be created, no node for too long, either
 * container out of memory, the agent's container ending while the pod still runs (its restart
 * policy is {@code Never}, so the sandbox cannot work on), eviction, a failed pod.
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
                return Optional.of("The sandbox's " + container.getName() + " container could not be created: "
                        + waiting.getMessage());
            }
            var terminated = terminated(container);
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of("The sandbox ran out of memory and was killed (OOMKilled): " + who(container)
                        + " reached its memory limit of " + memoryLimit(pod, container.getName())
                        + " (the sandbox's memory limit is " + podMemoryLimit(pod) + ").");
            }
            if (terminated != null
                    && SandboxPods.AGENT.equals(container.getName())
                    && pod.getMetadata().getDeletionTimestamp() == null
                    && !"Succeeded".equals(status.getPhase())
                    && terminated.getExitCode() != null
                    && terminated.getExitCode() != 0) {
                return Optional.of("The sandbox's agent container stopped unexpectedly (exit code "
                        + terminated.getExitCode()
                        + (terminated.getReason() == null ? "" : ", " + terminated.getReason())
                        + "); the sandbox cannot run the agent any more.");
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

    private static String who(ContainerStatus container) {
        return switch (container.getName()) {
            case SandboxPods.AGENT -> "the agent's container (the agent, its tools and the repository's hooks)";
            case SandboxPods.SUPERVISOR -> "the supervisor's container";
            default -> "its container " + container.getName();
        };
    }

    private static ContainerStateTerminated terminated(ContainerStatus container) {
        var terminated =
                container.getState() == null ? null : container.getState().getTerminated();
        if (terminated == null && container.getLastState() != null) {
            terminated = container.getLastState().getTerminated();
        }
        return terminated;
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

    private static String memoryLimit(Pod pod, String container) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container))
                .findFirst()
                .map(c -> c.getResources() == null ? null : c.getResources().getLimits())
                .map(limits -> limits.get("memory"))
                .map(Quantity::toString)
                .orElse("unset");
    }

    /** The pod's memory limit, the sum of its containers' (what the operator configured). */
    private static String podMemoryLimit(Pod pod) {
        var total = BigDecimal.ZERO;
        for (var container : pod.getSpec().getContainers()) {
            var limits = container.getResources() == null
                    ? null
                    : container.getResources().getLimits();
            if (limits == null || !limits.containsKey("memory")) {
                return "unset";
            }
            total = total.add(Quantity.getAmountInBytes(limits.get("memory")));
        }
        return ContainerResources.memoryText(total);
    }
}
