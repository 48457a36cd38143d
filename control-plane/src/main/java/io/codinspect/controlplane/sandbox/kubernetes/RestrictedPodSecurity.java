package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The restricted Pod Security Standard for sandbox pods, on every container: non-root, no privilege
 * escalation, seccomp {@code RuntimeDefault}, every capability dropped, a read-only root filesystem
 * (the workspace, each container's {@code /tmp} and the supervisor's logs are volumes), and no
 * service account token.
 */
final class RestrictedPodSecurity {

    static final long SANDBOX_UID = 1000;

    private RestrictedPodSecurity() {}

    static Pod apply(Pod pod) {
        var container = new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
        var builder = new PodBuilder(pod)
                .editSpec()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(SANDBOX_UID)
                .withRunAsGroup(SANDBOX_UID)
                .withFsGroup(SANDBOX_UID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .endSpec()
                .build();
        builder.getSpec().getContainers().forEach(c -> c.setSecurityContext(container));
        return builder;
    }
}
