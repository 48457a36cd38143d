package io.codinspect.controlplane.sandbox.kubernetes;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sandbox's pod and Secret as pure functions of its spec and the provider's settings. The pod
 * takes its secrets from the Secret ({@code envFrom}), never inline; the security context is added
 * by {@link RestrictedPodSecurity}.
 */
final class SandboxPods {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String CODINSPECT = "codinspect";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String SANDBOX_LABEL = "codinspect.io/sandbox";
    static final String SESSION_LABEL = "codinspect.io/session";
    static final String WORKSPACE = "/workspace";
    /** Where the sandbox image installs the pinned OpenCode (the plugin package sits beside it). */
    static final String OPENCODE = "/opt/opencode/node_modules/opencode-linux-x64/bin/opencode";

    private SandboxPods() {}

    /** The pod's (and its Secret's) name: deterministic, so a restarted control plane finds it. */
    static String name(UUID sandboxId) {
        return "codinspect-sandbox-" + sandboxId;
    }

    /** Labels that mark what CodInspect owns and which session and sandbox it belongs to. */
    static Map<String, String> labels(SandboxSpec spec) {
        return Map.of(
                MANAGED_BY,
                CODINSPECT,
                COMPONENT,
                "sandbox",
                SANDBOX_LABEL,
                spec.sandboxId().toString(),
                SESSION_LABEL,
                spec.sessionId().toString());
    }

    static Secret secret(SandboxSpec spec, KubernetesSandboxProperties properties) {
        return new SecretBuilder()
                .withMetadata(metadata(spec, properties))
                .withType("Opaque")
                .withStringData(Map.of(
                        "CODINSPECT_SANDBOX_TOKEN", spec.bridgeToken(),
                        "CODINSPECT_OPENCODE_CONFIG", spec.agentConfig()))
                .build();
    }

    static Pod pod(SandboxSpec spec, KubernetesSandboxProperties properties) {
        var resources = properties.resourcesFor(spec.repository());
        var container = new ContainerBuilder()
                .withName("sandbox")
                .withImage(properties.image())
                .withImagePullPolicy(properties.imagePullPolicy())
                .withEnv(environment(spec, properties))
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName(name(spec.sandboxId()))
                .endSecretRef()
                .endEnvFrom()
                .withNewResources()
                .withRequests(Map.of(
                        "cpu", new Quantity(resources.cpuRequest()), "memory", new Quantity(resources.memoryRequest())))
                .withLimits(Map.of(
                        "cpu", new Quantity(resources.cpuLimit()), "memory", new Quantity(resources.memoryLimit())))
                .endResources()
                .withVolumeMounts(
                        new VolumeMountBuilder()
                                .withName("workspace")
                                .withMountPath(WORKSPACE)
                                .build(),
                        new VolumeMountBuilder()
                                .withName("home")
                                .withMountPath("/home/sandbox")
                                .build(),
                        new VolumeMountBuilder()
                                .withName("tmp")
                                .withMountPath("/tmp")
                                .build())
                .build();
        var pod = new PodBuilder()
                .withMetadata(metadata(spec, properties))
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(properties.activeDeadline().toSeconds())
                .withTerminationGracePeriodSeconds(30L)
                .withEnableServiceLinks(false)
                .withServiceAccountName(properties.serviceAccountName())
                .withNodeSelector(properties.nodeSelector().isEmpty() ? null : properties.nodeSelector())
                .withContainers(container)
                .withVolumes(
                        emptyDir("workspace", properties.workspaceSize()),
                        emptyDir("home", properties.tmpSize()),
                        emptyDir("tmp", properties.tmpSize()))
                .endSpec()
                .build();
        return RestrictedPodSecurity.apply(pod);
    }

    private static ObjectMeta metadata(SandboxSpec spec, KubernetesSandboxProperties properties) {
        return new ObjectMetaBuilder()
                .withName(name(spec.sandboxId()))
                .withNamespace(properties.namespace())
                .withLabels(labels(spec))
                .withAnnotations(
                        Map.of("codinspect.io/repository", spec.repository(), "codinspect.io/branch", spec.branch()))
                .build();
    }

    private static List<EnvVar> environment(SandboxSpec spec, KubernetesSandboxProperties properties) {
        return List.of(
                env("HOME", "/home/sandbox"),
                env("CODINSPECT_SANDBOX_ID", spec.sandboxId().toString()),
                env("CODINSPECT_SESSION_ID", spec.sessionId().toString()),
                env("CODINSPECT_BRIDGE_URL", spec.bridgeUrl()),
                env("CODINSPECT_REPOSITORY", spec.repository()),
                env("CODINSPECT_BASE_BRANCH", spec.baseBranch()),
                env("CODINSPECT_BRANCH", spec.branch()),
                env("CODINSPECT_WORKSPACE", WORKSPACE + "/repo"),
                env("CODINSPECT_OPENCODE_BIN", OPENCODE),
                env("CODINSPECT_BOOT_MODE", "fresh"),
                env("CODINSPECT_AGENT_TOOLS", String.join(",", spec.agentTools())),
                env(
                        "CODINSPECT_HEARTBEAT_SECONDS",
                        String.valueOf(properties.heartbeatInterval().toSeconds())));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static io.fabric8.kubernetes.api.model.Volume emptyDir(String name, String sizeLimit) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .withSizeLimit(new Quantity(sizeLimit))
                .endEmptyDir()
                .build();
    }
}
