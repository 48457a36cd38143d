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
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sandbox's pod and Secret as pure functions of its spec and the provider's settings. The pod's
 * supervisor container takes its secrets from the Secret ({@code envFrom}), never inline, and is
 * the only container that does; the security context is added by {@link RestrictedPodSecurity}.
 * The egress proxy's URL holds the agent token, so it is in the Secret too; the supervisor passes
 * it to what it runs in the agent container (OpenCode, the hooks, git) as {@code HTTPS_PROXY}.
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
    /** The supervisor's own log folder, a volume the agent's container does not mount. */
    static final String LOGS = "/var/log/codinspect";

    static final String SUPERVISOR = "supervisor";
    static final String AGENT = "agent";
    static final int RUNNER_PORT = 7070;
    /** The agent container's program: the runner, in a small JVM of its own. */
    static final List<String> RUNNER_COMMAND = List.of(
            "java",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx96m",
            "-jar",
            "/opt/codinspect/supervisor.jar",
            "runner");
    /** Kubernetes' grace after SIGTERM is the stop grace plus this, for the runner to outlast the supervisor. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(10);

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
                        "CODINSPECT_OPENCODE_CONFIG", spec.agentConfig(),
                        "CODINSPECT_CHECKPOINT_KEY", spec.checkpointKey(),
                        "CODINSPECT_EGRESS_PROXY", spec.egressProxy()))
                .build();
    }

    /**
     * The sandbox's pod: the {@code supervisor} container, which alone has the Secret, and the
     * {@code agent} container, where the runner starts OpenCode and runs the hooks and git for the
     * supervisor over the pod's loopback. They share only the workspace volume — no process
     * namespace, no {@code /tmp}, not the supervisor's log folder — and both run from the sandbox
     * image as the same user. Kubernetes gives them {@code stopGrace} plus {@link #STOP_MARGIN}
     * after SIGTERM, so the supervisor can commit and push the running turn's work first.
     */
    static Pod pod(SandboxSpec spec, KubernetesSandboxProperties properties, Duration stopGrace) {
        var resources = ContainerResources.split(properties.resourcesFor(spec.repository()));
        var supervisor = new ContainerBuilder()
                .withName(SUPERVISOR)
                .withImage(properties.image())
                .withImagePullPolicy(properties.imagePullPolicy())
                .withEnv(supervisorEnvironment(spec, properties, stopGrace))
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName(name(spec.sandboxId()))
                .endSecretRef()
                .endEnvFrom()
                .withResources(resources.supervisor())
                .withVolumeMounts(
                        mount("workspace", WORKSPACE), mount("supervisor-tmp", "/tmp"), mount("supervisor-logs", LOGS))
                .build();
        var agent = new ContainerBuilder()
                .withName(AGENT)
                .withImage(properties.image())
                .withImagePullPolicy(properties.imagePullPolicy())
                .withCommand(RUNNER_COMMAND)
                .withEnv(
                        env("HOME", WORKSPACE + "/home"),
                        env("CODINSPECT_RUNNER_PORT", Integer.toString(RUNNER_PORT)),
                        env("CODINSPECT_STOP_GRACE_SECONDS", seconds(stopGrace)))
                .withResources(resources.agent())
                .withVolumeMounts(mount("workspace", WORKSPACE), mount("agent-tmp", "/tmp"))
                .build();
        var pod = new PodBuilder()
                .withMetadata(metadata(spec, properties))
                .withNewSpec()
                .withRestartPolicy("Never")
                .withShareProcessNamespace(false)
                .withActiveDeadlineSeconds(properties.activeDeadline().toSeconds())
                .withTerminationGracePeriodSeconds(stopGrace.plus(STOP_MARGIN).toSeconds())
                .withEnableServiceLinks(false)
                .withServiceAccountName(properties.serviceAccountName())
                .withNodeSelector(properties.nodeSelector().isEmpty() ? null : properties.nodeSelector())
                .withContainers(supervisor, agent)
                .withVolumes(
                        emptyDir("workspace", properties.workspaceSize()),
                        emptyDir("supervisor-tmp", properties.tmpSize()),
                        emptyDir("supervisor-logs", properties.tmpSize()),
                        emptyDir("agent-tmp", properties.tmpSize()))
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

    /** The supervisor's settings; its secrets come from the Secret. */
    private static List<EnvVar> supervisorEnvironment(
            SandboxSpec spec, KubernetesSandboxProperties properties, Duration stopGrace) {
        return List.of(
                env("HOME", "/tmp"),
                env("CODINSPECT_SANDBOX_ID", spec.sandboxId().toString()),
                env("CODINSPECT_SESSION_ID", spec.sessionId().toString()),
                env("CODINSPECT_BRIDGE_URL", spec.bridgeUrl()),
                env("CODINSPECT_REPOSITORY", spec.repository()),
                env("CODINSPECT_BASE_BRANCH", spec.baseBranch()),
                env("CODINSPECT_BRANCH", spec.branch()),
                env("CODINSPECT_WORKSPACE", WORKSPACE),
                env("CODINSPECT_LOG_DIR", LOGS),
                env("CODINSPECT_OPENCODE_BIN", OPENCODE),
                env("CODINSPECT_BOOT_MODE", "fresh"),
                env("CODINSPECT_AGENT_TOOLS", String.join(",", spec.agentTools())),
                env("CODINSPECT_ISOLATION", "runner"),
                env("CODINSPECT_RUNNER_URL", "http://127.0.0.1:" + RUNNER_PORT),
                env("CODINSPECT_STOP_GRACE_SECONDS", seconds(stopGrace)),
                env(
                        "CODINSPECT_HEARTBEAT_SECONDS",
                        String.valueOf(properties.heartbeatInterval().toSeconds())));
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
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
