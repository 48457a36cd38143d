package io.codinspect.controlplane.sandbox.kubernetes;

import io.codinspect.controlplane.sandbox.SandboxExited;
import io.codinspect.controlplane.sandbox.SandboxProgress;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxSpawnException;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Sandboxes as pods ({@link SandboxPods}: a supervisor container and an agent container): one pod
 * and one Secret per sandbox, named after it, so that spawning twice —
 * or again after a control plane restarted mid-spawn — finds the pod instead of making another.
 * Pod troubles seen by {@link SandboxPodWatch} end the sandbox with words its session can read.
 */
class KubernetesSandboxProvider implements SandboxProvider {

    private static final Logger log = LoggerFactory.getLogger(KubernetesSandboxProvider.class);

    private final KubernetesClient client;
    private final KubernetesSandboxProperties properties;
    private final java.time.Duration stopGrace;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final Set<UUID> reported = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> stages = new ConcurrentHashMap<>();

    KubernetesSandboxProvider(
            KubernetesClient client,
            KubernetesSandboxProperties properties,
            java.time.Duration stopGrace,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.client = client;
        this.properties = properties;
        this.stopGrace = stopGrace;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public void spawn(SandboxSpec spec) {
        var name = SandboxPods.name(spec.sandboxId());
        var delay = properties.createBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                create(spec, name);
                return;
            } catch (KubernetesClientException e) {
                var message = KubernetesFailures.message(e);
                if (!KubernetesFailures.retryable(e) || attempt >= properties.createAttempts()) {
                    throw new SandboxSpawnException(
                            "Kubernetes refused the sandbox pod (HTTP " + e.getCode() + "): " + message);
                }
                log.warn(
                        "Creating pod={} failed (HTTP {}: {}); attempt {} of {} in {}",
                        name,
                        e.getCode(),
                        message,
                        attempt + 1,
                        properties.createAttempts(),
                        delay);
                sleep(delay);
                delay = delay.multipliedBy(2);
            }
        }
    }

    private void create(SandboxSpec spec, String name) {
        var pods = client.pods().inNamespace(properties.namespace());
        if (pods.withName(name).get() != null) {
            log.info("Found pod={} of sandbox={}; not creating it again", name, spec.sandboxId());
            return;
        }
        client.secrets()
                .inNamespace(properties.namespace())
                .resource(SandboxPods.secret(spec, properties))
                .createOr(NonDeletingOperation::update);
        Pod pod;
        try {
            pod = pods.resource(SandboxPods.pod(spec, properties, stopGrace)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                log.info("pod={} of sandbox={} was created meanwhile", name, spec.sandboxId());
                return;
            }
            throw e;
        }
        // the Secret goes with its pod when Kubernetes collects the pod's dependents
        client.secrets().inNamespace(properties.namespace()).withName(name).edit(secret -> {
            secret.getMetadata()
                    .setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
                            .withApiVersion("v1")
                            .withKind("Pod")
                            .withName(name)
                            .withUid(pod.getMetadata().getUid())
                            .build()));
            return secret;
        });
        log.info("Created pod={} for sandbox={} of session={}", name, spec.sandboxId(), spec.sessionId());
    }

    @Override
    public void stop(UUID sandboxId) {
        var name = SandboxPods.name(sandboxId);
        client.pods().inNamespace(properties.namespace()).withName(name).delete();
        client.secrets().inNamespace(properties.namespace()).withName(name).delete();
        reported.remove(sandboxId);
        stages.remove(sandboxId);
        log.info("Deleted pod={} and its Secret", name);
    }

    @Override
    public ProviderStatus status(UUID sandboxId) {
        var pod = client.pods()
                .inNamespace(properties.namespace())
                .withName(SandboxPods.name(sandboxId))
                .get();
        if (pod == null || pod.getStatus() == null) {
            return pod == null ? ProviderStatus.unknown : ProviderStatus.starting;
        }
        return switch (String.valueOf(pod.getStatus().getPhase())) {
            case "Running" -> ProviderStatus.running;
            case "Succeeded", "Failed" -> ProviderStatus.stopped;
            default -> ProviderStatus.starting;
        };
    }

    /** Called off the watch thread for every change of a sandbox pod. */
    void inspect(Pod pod) {
        var sandbox = pod.getMetadata().getLabels().get(SandboxPods.SANDBOX_LABEL);
        if (sandbox == null) {
            return;
        }
        var sandboxId = UUID.fromString(sandbox);
        progress(sandboxId, pod);
        PodTrouble.of(pod, clock.instant(), properties.unschedulableTimeout()).ifPresent(trouble -> {
            if (reported.add(sandboxId)) {
                log.warn("Sandbox pod={} is in trouble: {}", pod.getMetadata().getName(), trouble);
                publisher.publishEvent(new SandboxExited(sandboxId, trouble));
            }
        });
    }

    /** Tells the session once each time its pod reaches a further stage: scheduled, running. */
    private void progress(UUID sandboxId, Pod pod) {
        var status = pod.getStatus();
        if (status == null) {
            return;
        }
        var node = pod.getSpec().getNodeName();
        String stage = "Running".equals(status.getPhase()) ? "pod-running" : node != null ? "pod-scheduled" : null;
        if (stage == null || stage.equals(stages.put(sandboxId, stage))) {
            return;
        }
        var message = stage.equals("pod-running")
                ? "Sandbox pod running" + (node == null ? "" : " on node " + node)
                : "Sandbox pod scheduled on node " + node + "; pulling the image and starting";
        publisher.publishEvent(new SandboxProgress(sandboxId, stage, message));
    }

    private static void sleep(java.time.Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxSpawnException("Interrupted while creating the sandbox pod");
        }
    }
}
