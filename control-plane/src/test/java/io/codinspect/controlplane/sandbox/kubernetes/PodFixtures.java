package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/** What the Kubernetes tests share: provider settings, and pod states a kubelet would report. */
public final class PodFixtures {

    public static final KubernetesSandboxProperties.Resources DEFAULT_RESOURCES =
            new KubernetesSandboxProperties.Resources("500m", "2", "1Gi", "4Gi");

    private PodFixtures() {}

    /** Settings for tests: fast retries, no reaper grace, these per-repository resources. */
    static KubernetesSandboxProperties properties(
            String namespace, String image, Map<String, KubernetesSandboxProperties.Resources> repositoryResources) {
        return properties(namespace, image, repositoryResources, DEFAULT_RESOURCES);
    }

    static KubernetesSandboxProperties properties(
            String namespace,
            String image,
            Map<String, KubernetesSandboxProperties.Resources> repositoryResources,
            KubernetesSandboxProperties.Resources resources) {
        return new KubernetesSandboxProperties(
                null,
                namespace,
                image,
                "IfNotPresent",
                resources,
                Duration.ofHours(4),
                "10Gi",
                "1Gi",
                Duration.ofMinutes(5),
                Duration.ofSeconds(15),
                null,
                Map.of(),
                3,
                Duration.ofMillis(10),
                Duration.ofMinutes(1),
                Duration.ZERO,
                Duration.ofSeconds(3),
                repositoryResources);
    }

    /** Reports the pod in {@code phase} with this container status, as the kubelet would. */
    public static Pod report(KubernetesClient client, Pod pod, String phase, ContainerStatus container) {
        return client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(new PodBuilder(pod)
                        .withNewStatus()
                        .withPhase(phase)
                        .withContainerStatuses(container)
                        .endStatus()
                        .build())
                .updateStatus();
    }

    /** The supervisor's container waiting for {@code reason}. */
    public static ContainerStatus waiting(String image, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName("supervisor")
                .withImage(image)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build();
    }

    /** The agent's container killed for memory. */
    public static ContainerStatus oomKilled(String image) {
        return new ContainerStatusBuilder()
                .withName("agent")
                .withImage(image)
                .withNewState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .endTerminated()
                .endState()
                .build();
    }
}
