package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * How a sandbox's configured requests and limits — the whole pod's — are split between its two
 * containers. The supervisor gets a fixed slice, at most a quarter of each value (CPU 100m
 * requested, 500m limit; memory 256Mi requested, 512Mi limit); the agent container, where the
 * agent, its tools, the repository's hooks and builds run, gets all the rest. So the pod asks the
 * scheduler for exactly what is configured, and a build that runs out of memory kills the agent's
 * container, not the supervisor that reports it.
 */
record ContainerResources(ResourceRequirements supervisor, ResourceRequirements agent) {

    private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024);
    private static final BigDecimal GI = MI.multiply(BigDecimal.valueOf(1024));
    private static final BigDecimal QUARTER = new BigDecimal("0.25");

    static ContainerResources split(KubernetesSandboxProperties.Resources pod) {
        var cpuRequest = cpu(pod.cpuRequest(), "100m");
        var cpuLimit = cpu(pod.cpuLimit(), "500m");
        var memoryRequest = memory(pod.memoryRequest(), "256Mi");
        var memoryLimit = memory(pod.memoryLimit(), "512Mi");
        return new ContainerResources(
                requirements(cpuRequest[0], memoryRequest[0], cpuLimit[0], memoryLimit[0]),
                requirements(cpuRequest[1], memoryRequest[1], cpuLimit[1], memoryLimit[1]));
    }

    /** A memory amount as people write it: whole Gi or Mi when it is one, else bytes. */
    static String memoryText(BigDecimal bytes) {
        if (bytes.signum() > 0 && bytes.remainder(GI).signum() == 0) {
            return bytes.divide(GI).toBigInteger() + "Gi";
        }
        if (bytes.signum() > 0 && bytes.remainder(MI).signum() == 0) {
            return bytes.divide(MI).toBigInteger() + "Mi";
        }
        return bytes.toBigInteger().toString();
    }

    /** {supervisor, agent} in millicores. */
    private static Quantity[] cpu(String total, String supervisorAtMost) {
        var millis = millicores(total);
        var supervisor = millis.multiply(QUARTER).setScale(0, RoundingMode.DOWN).min(millicores(supervisorAtMost));
        return new Quantity[] {new Quantity(supervisor + "m"), new Quantity(millis.subtract(supervisor) + "m")};
    }

    /** {supervisor, agent}, in whole MiB for the supervisor. */
    private static Quantity[] memory(String total, String supervisorAtMost) {
        var bytes = Quantity.getAmountInBytes(new Quantity(total));
        var supervisor = bytes.multiply(QUARTER)
                .divide(MI, 0, RoundingMode.DOWN)
                .multiply(MI)
                .min(Quantity.getAmountInBytes(new Quantity(supervisorAtMost)));
        return new Quantity[] {
            new Quantity(memoryText(supervisor)), new Quantity(memoryText(bytes.subtract(supervisor)))
        };
    }

    private static BigDecimal millicores(String cpu) {
        return Quantity.getAmountInBytes(new Quantity(cpu))
                .multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.DOWN);
    }

    private static ResourceRequirements requirements(
            Quantity cpuRequest, Quantity memoryRequest, Quantity cpuLimit, Quantity memoryLimit) {
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", cpuRequest, "memory", memoryRequest))
                .withLimits(Map.of("cpu", cpuLimit, "memory", memoryLimit))
                .build();
    }
}
