package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each of a sandbox pod's two containers holds: the agent's one has no secret of the supervisor's. */
class SandboxPodContainersTest {

    private static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final KubernetesSandboxProperties properties =
            PodFixtures.properties("codinspect-sandboxes", "registry.example.com/codinspect/sandbox:1.0", Map.of());

    @Test
    void onlyTheSupervisorContainerHasTheSecretAndTheContainersShareOnlyTheWorkspace() {
        var spec = spec();
        var pod = SandboxPods.pod(spec, properties, STOP_GRACE);
        var podSpec = pod.getSpec();
        var supervisor = container(pod, "supervisor");
        var agent = container(pod, "agent");
        assertThat(supervisor.getEnvFrom())
                .singleElement()
                .satisfies(from -> assertThat(from.getSecretRef().getName())
                        .isEqualTo(pod.getMetadata().getName()));
        assertThat(SandboxPods.secret(spec, properties).getStringData())
                .containsOnlyKeys(
                        "CODINSPECT_SANDBOX_TOKEN",
                        "CODINSPECT_OPENCODE_CONFIG",
                        "CODINSPECT_CHECKPOINT_KEY",
                        "CODINSPECT_EGRESS_PROXY")
                .containsEntry("CODINSPECT_EGRESS_PROXY", spec.egressProxy());
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod))
                .as("the egress proxy's URL holds the agent token: in the Secret only")
                .doesNotContain(spec.agentToken());
        assertThat(agent.getEnvFrom()).isEmpty();
        assertThat(podSpec.getContainers()).flatExtracting(c -> c.getEnv()).allSatisfy(env -> {
            assertThat(env.getName())
                    .isNotIn(
                            "CODINSPECT_SANDBOX_TOKEN",
                            "CODINSPECT_OPENCODE_CONFIG",
                            "CODINSPECT_CHECKPOINT_KEY",
                            "CODINSPECT_EGRESS_PROXY",
                            "HTTPS_PROXY");
            assertThat(env.getValueFrom())
                    .as("nothing read from a Secret by key")
                    .isNull();
        });
        assertThat(env(agent))
                .containsOnlyKeys("HOME", "CODINSPECT_RUNNER_PORT", "CODINSPECT_STOP_GRACE_SECONDS")
                .containsEntry("HOME", "/workspace/home")
                .containsEntry("CODINSPECT_STOP_GRACE_SECONDS", "45");
        assertThat(agent.getCommand()).endsWith("-jar", "/opt/codinspect/supervisor.jar", "runner");
        assertThat(env(supervisor))
                .containsEntry("CODINSPECT_ISOLATION", "runner")
                .containsEntry(
                        "CODINSPECT_RUNNER_URL",
                        "http://127.0.0.1:" + env(agent).get("CODINSPECT_RUNNER_PORT"))
                .containsEntry("CODINSPECT_WORKSPACE", "/workspace")
                .containsEntry("CODINSPECT_LOG_DIR", "/var/log/codinspect")
                .containsEntry("CODINSPECT_STOP_GRACE_SECONDS", "45");

        assertThat(podSpec.getShareProcessNamespace()).isNotEqualTo(Boolean.TRUE);
        assertThat(podSpec.getTerminationGracePeriodSeconds())
                .as("the stop grace and a margin for the runner to outlast the supervisor")
                .isEqualTo(45L + 10L);
        assertThat(mounts(supervisor))
                .containsOnly(
                        Map.entry("workspace", "/workspace"),
                        Map.entry("supervisor-tmp", "/tmp"),
                        Map.entry("supervisor-logs", "/var/log/codinspect"));
        assertThat(mounts(agent)).containsOnly(Map.entry("workspace", "/workspace"), Map.entry("agent-tmp", "/tmp"));
        assertThat(podSpec.getVolumes())
                .allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    }

    private static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    }

    private static List<Map.Entry<String, String>> mounts(Container container) {
        return container.getVolumeMounts().stream()
                .map(m -> Map.entry(m.getName(), m.getMountPath()))
                .toList();
    }

    private static SandboxSpec spec() {
        return new SandboxSpec(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "https://github.com/acme/widgets.git",
                "main",
                "codinspect/12345678",
                "ws://codinspect.codinspect.svc:8080/bridge/x",
                "cis_sandbox-secret-token",
                "{}",
                "cia_test",
                List.of("create-pull-request"),
                "a2V5",
                "http://sandbox:cia_test@codinspect.codinspect.svc:8090");
    }
}
