package io.codinspect.controlplane.sandbox.kubernetes;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kubernetes sandbox provider ({@code codinspect.sandbox.provider=kubernetes}): one pod per
 * sandbox in {@code namespace}.
 *
 * @param masterUrl the Kubernetes API server; unset, the client finds it as fabric8 does (in a pod
 *     its service account, elsewhere {@code KUBECONFIG} or {@code ~/.kube/config})
 * @param namespace where sandbox pods and their Secrets are created
 * @param image the sandbox image (supervisor, OpenCode, the toolchains)
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param resources requests and limits of the sandbox container
 * @param activeDeadline hard lifetime of a sandbox pod ({@code activeDeadlineSeconds})
 * @param workspaceSize size limit of the workspace volume (the clone and its build output)
 * @param tmpSize size limit of the {@code /tmp} and home volumes
 * @param unschedulableTimeout how long a pod may wait for a node before its session is told
 * @param heartbeatInterval how often supervisors send heartbeats
 * @param serviceAccountName service account of sandbox pods (its token is never mounted); the
 *     namespace's default when unset
 * @param nodeSelector node labels sandbox pods must run on
 * @param createAttempts attempts at creating a pod when the API answers with a retryable error
 *     (quota exceeded, conflict, throttling, 5xx)
 * @param createBackoff wait before the second attempt, doubled for each further one
 * @param reaperInterval how often the replica holding the reaper's Lease looks for orphaned pods
 * @param reaperGrace pods younger than this are never reaped (their sandbox may be being recorded)
 * @param leaseDuration how long the reaper's Lease outlives a replica that stopped renewing it
 * @param repositoryResources per-repository requests and limits replacing {@code resources}, keyed
 *     by {@code owner/name} or any trailing part of the repository's URL (set with brackets:
 *     {@code repository-resources[acme/monorepo].memory-limit=16Gi})
 */
@ConfigurationProperties("codinspect.sandbox.kubernetes")
public record KubernetesSandboxProperties(
        String masterUrl,
        @DefaultValue("codinspect-sandboxes") String namespace,
        @DefaultValue("ghcr.io/codinspect/sandbox:latest") String image,
        @DefaultValue("IfNotPresent") String imagePullPolicy,
        @DefaultValue Resources resources,
        @DefaultValue("4h") Duration activeDeadline,
        @DefaultValue("10Gi") String workspaceSize,
        @DefaultValue("1Gi") String tmpSize,
        @DefaultValue("5m") Duration unschedulableTimeout,
        @DefaultValue("15s") Duration heartbeatInterval,
        String serviceAccountName,
        Map<String, String> nodeSelector,
        @DefaultValue("5") int createAttempts,
        @DefaultValue("1s") Duration createBackoff,
        @DefaultValue("1m") Duration reaperInterval,
        @DefaultValue("2m") Duration reaperGrace,
        @DefaultValue("15s") Duration leaseDuration,
        Map<String, Resources> repositoryResources) {

    public KubernetesSandboxProperties {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        repositoryResources = repositoryResources == null ? Map.of() : Map.copyOf(repositoryResources);
    }

    /**
     * The resources of a repository's sandboxes: its override when one key is the repository's
     * {@code owner/name} or a trailing part of its URL (the longest such key wins), else the defaults.
     */
    public Resources resourcesFor(String repository) {
        var normalized = repository.replaceAll("\\.git$", "").replaceAll("/+$", "");
        return repositoryResources.entrySet().stream()
                .filter(e -> normalized.equals(e.getKey())
                        || normalized.endsWith("/" + e.getKey())
                        || normalized.endsWith(":" + e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(resources);
    }

    /**
     * Requests and limits of the sandbox container.
     *
     * @param cpuRequest CPU reserved for each sandbox
     * @param cpuLimit CPU a sandbox may use at most
     * @param memoryRequest memory reserved for each sandbox
     * @param memoryLimit memory a sandbox may use before it is OOM-killed
     */
    public record Resources(
            @DefaultValue("500m") String cpuRequest,
            @DefaultValue("2") String cpuLimit,
            @DefaultValue("1Gi") String memoryRequest,
            @DefaultValue("4Gi") String memoryLimit) {}
}
