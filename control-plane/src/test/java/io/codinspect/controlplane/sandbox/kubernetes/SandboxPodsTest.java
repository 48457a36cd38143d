package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pod as a pure function of the spec and the settings, with per-repository resources. */
class SandboxPodsTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final KubernetesSandboxProperties.Resources BIG =
            new KubernetesSandboxProperties.Resources("2", "8", "8Gi", "16Gi");
    private static final KubernetesSandboxProperties.Resources HUGE =
            new KubernetesSandboxProperties.Resources("4", "16", "16Gi", "32Gi");

    private static KubernetesSandboxProperties properties(
            Map<String, KubernetesSandboxProperties.Resources> overrides) {
        return PodFixtures.properties("ns", "sandbox:1", overrides);
    }

    private static SandboxSpec spec(String repository) {
        return new SandboxSpec(
                UUID.randomUUID(),
                UUID.randomUUID(),
                repository,
                "main",
                "codinspect/1",
                "ws://x/bridge/1",
                "t",
                "{}",
                "cia_test",
                List.of(),
                "",
                "");
    }

    /** The pod's memory limit: its containers' together. */
    private static String memoryLimitOf(String repository, KubernetesSandboxProperties properties) {
        var total = SandboxPods.pod(spec(repository), properties, GRACE).getSpec().getContainers().stream()
                .map(c -> Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return ContainerResources.memoryText(total);
    }

    private static Map<String, String> resources(Pod pod, String container) {
        var resources = pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container))
                .findFirst()
                .orElseThrow()
                .getResources();
        var all = new java.util.TreeMap<String, String>();
        resources.getRequests().forEach((k, v) -> all.put("request." + k, v.toString()));
        resources.getLimits().forEach((k, v) -> all.put("limit." + k, v.toString()));
        return all;
    }

    @Test
    void theConfiguredResourcesAreThePodsWithASmallFixedSliceForTheSupervisorAndTheRestForTheAgent() {
        var pod = SandboxPods.pod(spec("https://github.com/acme/a.git"), properties(Map.of()), GRACE);

        assertThat(resources(pod, "supervisor"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "request.cpu",
                        "100m",
                        "limit.cpu",
                        "500m",
                        "request.memory",
                        "256Mi",
                        "limit.memory",
                        "512Mi"));
        assertThat(resources(pod, "agent"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "request.cpu", "400m",
                        "limit.cpu", "1500m",
                        "request.memory", "768Mi",
                        "limit.memory", "3584Mi"));

        var small = PodFixtures.properties(
                "ns", "sandbox:1", Map.of(), new KubernetesSandboxProperties.Resources("200m", "400m", "512Mi", "1Gi"));
        assertThat(resources(SandboxPods.pod(spec("https://github.com/acme/a.git"), small, GRACE), "supervisor"))
                .as("never more than a quarter of the pod")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "request.cpu", "50m", "limit.cpu", "100m", "request.memory", "128Mi", "limit.memory", "256Mi"));
    }

    @Test
    void aRepositoryWithAnOverrideGetsItsResourcesWhateverItsUrlLooksLike() {
        var properties = properties(Map.of("acme/monorepo", BIG, "monorepo", HUGE));

        assertThat(memoryLimitOf("https://github.com/acme/monorepo.git", properties))
                .isEqualTo("16Gi");
        assertThat(memoryLimitOf("git@github.com:acme/monorepo.git", properties))
                .isEqualTo("16Gi");
        assertThat(memoryLimitOf("https://git.example.com/other/monorepo", properties))
                .as("only the shorter key matches")
                .isEqualTo("32Gi");
        assertThat(memoryLimitOf("https://github.com/acme/widgets.git", properties))
                .isEqualTo("4Gi");
        assertThat(memoryLimitOf("https://github.com/acme/notmonorepo.git", properties))
                .isEqualTo("4Gi");
    }

    @Test
    void thePodIsTheSameForTheSameSpec() {
        var properties = properties(Map.of());
        var spec = new SandboxSpec(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "https://github.com/acme/a.git",
                "main",
                "codinspect/1",
                "ws://x/bridge/1",
                "t",
                "{}",
                "cia_test",
                List.of("create-pull-request"),
                "",
                "");

        assertThat(SandboxPods.pod(spec, properties, GRACE)).isEqualTo(SandboxPods.pod(spec, properties, GRACE));
        assertThat(SandboxPods.pod(spec, properties, GRACE)
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("CODINSPECT_AGENT_TOOLS");
                    assertThat(env.getValue()).isEqualTo("create-pull-request");
                });
    }
}
