package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pod troubles in words, and API failures sorted into retryable and not. */
class PodTroubleTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static PodBuilder pod() {
        return new PodBuilder()
                .withNewMetadata()
                .withName("codinspect-sandbox-1")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("supervisor")
                .withNewResources()
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("512Mi"))
                .endResources()
                .endContainer()
                .addNewContainer()
                .withName("agent")
                .withNewResources()
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("3584Mi"))
                .endResources()
                .endContainer()
                .endSpec();
    }

    private static Pod running(PodBuilder pod, io.fabric8.kubernetes.api.model.ContainerStatus agent) {
        return pod.withNewStatus()
                .withPhase("Running")
                .withContainerStatuses(agent)
                .endStatus()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus agentExited(int code, String reason) {
        return new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("agent")
                .withNewState()
                .withNewTerminated()
                .withExitCode(code)
                .withReason(reason)
                .endTerminated()
                .endState()
                .build();
    }

    @Test
    void theAgentsContainerOutOfMemoryOrEndedWhileThePodRunsIsATroubleButNotWhenThePodIsBeingDeleted() {
        assertThat(PodTrouble.of(running(pod(), PodFixtures.oomKilled("sandbox:1")), NOW, TIMEOUT))
                .hasValueSatisfying(trouble -> assertThat(trouble)
                        .contains("ran out of memory")
                        .contains("the agent's container")
                        .contains("memory limit of 3584Mi")
                        .contains("the sandbox's memory limit is 4Gi"));
        assertThat(PodTrouble.of(running(pod(), agentExited(1, "Error")), NOW, TIMEOUT))
                .hasValueSatisfying(trouble -> assertThat(trouble)
                        .contains("agent container stopped unexpectedly")
                        .contains("exit code 1"));

        var deleting =
                pod().editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata();
        assertThat(PodTrouble.of(running(deleting, agentExited(143, "Error")), NOW, TIMEOUT))
                .as("SIGTERM of a pod being deleted")
                .isEmpty();
        assertThat(PodTrouble.of(running(pod(), agentExited(0, "Completed")), NOW, TIMEOUT))
                .as("the runner exits 0 when the supervisor is done")
                .isEmpty();
    }

    private static Pod unschedulableSince(Instant since) {
        return pod().withNewStatus()
                .withPhase("Pending")
                .withConditions(new PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient memory.")
                        .withLastTransitionTime(since.toString())
                        .build())
                .endStatus()
                .build();
    }

    @Test
    void aPodWaitingForANodeIsATroubleOnlyAfterTheTimeout() {
        assertThat(PodTrouble.of(unschedulableSince(NOW.minus(Duration.ofMinutes(4))), NOW, TIMEOUT))
                .isEmpty();
        assertThat(PodTrouble.of(unschedulableSince(NOW.minus(Duration.ofMinutes(6))), NOW, TIMEOUT))
                .hasValueSatisfying(trouble -> assertThat(trouble)
                        .contains("No node could run the sandbox for 5 min")
                        .contains("Insufficient memory"));
    }

    @Test
    void evictedAndFailedPodsSaySo() {
        var evicted = pod().withNewStatus()
                .withPhase("Failed")
                .withReason("Evicted")
                .withMessage("The node was low on resource: ephemeral-storage.")
                .endStatus()
                .build();
        var failed = pod().withNewStatus()
                .withPhase("Failed")
                .withReason("DeadlineExceeded")
                .withMessage("Pod was active on the node longer than the specified deadline")
                .endStatus()
                .build();
        var fine = pod().withNewStatus().withPhase("Running").endStatus().build();

        assertThat(PodTrouble.of(evicted, NOW, TIMEOUT))
                .contains("Kubernetes evicted the sandbox: The node was low on resource: ephemeral-storage.");
        assertThat(PodTrouble.of(failed, NOW, TIMEOUT))
                .hasValueSatisfying(t -> assertThat(t).contains("DeadlineExceeded"));
        assertThat(PodTrouble.of(fine, NOW, TIMEOUT)).isEmpty();
    }

    @Test
    void quotaConflictThrottlingServerErrorsAndSilenceAreRetriedOtherRefusalsAreNot() {
        assertThat(KubernetesFailures.retryable(failure(403, "pods \"x\" is forbidden: exceeded quota: sandboxes")))
                .isTrue();
        assertThat(KubernetesFailures.retryable(failure(403, "pods is forbidden: User cannot create pods")))
                .isFalse();
        assertThat(KubernetesFailures.retryable(failure(409, "already exists"))).isTrue();
        assertThat(KubernetesFailures.retryable(failure(429, "too many requests")))
                .isTrue();
        assertThat(KubernetesFailures.retryable(failure(500, "etcd"))).isTrue();
        assertThat(KubernetesFailures.retryable(failure(0, "connection refused")))
                .isTrue();
        assertThat(KubernetesFailures.retryable(failure(422, "invalid"))).isFalse();
        assertThat(KubernetesFailures.message(failure(422, "spec.containers: Required value")))
                .isEqualTo("spec.containers: Required value");
    }

    private static KubernetesClientException failure(int code, String message) {
        return new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage(message).build());
    }
}
