package io.codinspect.controlplane.sandbox.kubernetes;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxProviderContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** The provider contract for pods, against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSandboxProviderContractTest extends SandboxProviderContract {

    private static final String NS = "contract";

    KubernetesClient client;
    private KubernetesSandboxProvider provider;

    @BeforeEach
    void setUp() {
        var properties = new KubernetesSandboxProperties(
                null,
                NS,
                "sandbox:test",
                "IfNotPresent",
                new KubernetesSandboxProperties.Resources("100m", "1", "256Mi", "1Gi"),
                Duration.ofHours(1),
                "1Gi",
                "100Mi",
                Duration.ofMinutes(5),
                Duration.ofSeconds(15),
                null,
                Map.of(),
                3,
                Duration.ofMillis(10),
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                Duration.ofSeconds(15),
                Map.of());
        provider = new KubernetesSandboxProvider(client, properties, event -> {}, Clock.systemUTC());
    }

    @Override
    protected SandboxProvider provider() {
        return provider;
    }

    @Override
    protected int instancesOf(UUID sandboxId) {
        return client.pods()
                .inNamespace(NS)
                .withLabel(SandboxPods.SANDBOX_LABEL, sandboxId.toString())
                .list()
                .getItems()
                .size();
    }

    @Override
    protected String repository() {
        return "https://git.example.com/acme/widgets.git";
    }
}
