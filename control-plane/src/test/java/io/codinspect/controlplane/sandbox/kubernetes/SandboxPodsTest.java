package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pod as a pure function of the spec and the settings, with per-repository resources. */
class SandboxPodsTest {

    private static final KubernetesSandboxProperties.Resources BIG =
            new KubernetesSandboxProperties.Resources("2", "8", "8Gi", "16Gi");
    private static final KubernetesSandboxProperties.Resources HUGE =
            new KubernetesSandboxProperties.Resources("4", "16", "16Gi", "32Gi");

    private static KubernetesSandboxProperties properties(
            Map<String, KubernetesSandboxProperties.Resources> overrides) {
        return PodFixtures.properties("ns", "sandbox:1", overrides);
    }

    private static String memoryLimitOf(String repository, KubernetesSandboxProperties properties) {
        var spec = new SandboxSpec(
                UUID.randomUUID(),
                UUID.randomUUID(),
                repository,
                "main",
                "codinspect/1",
                "ws://x/bridge/1",
                "t",
                "{}",
                List.of());
        return SandboxPods.pod(spec, properties)
                .getSpec()
                .getContainers()
                .getFirst()
                .getResources()
                .getLimits()
                .get("memory")
                .toString();
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
                List.of("create-pull-request"));

        assertThat(SandboxPods.pod(spec, properties)).isEqualTo(SandboxPods.pod(spec, properties));
        assertThat(SandboxPods.pod(spec, properties)
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
