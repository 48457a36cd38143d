package io.codinspect.controlplane.sandbox.kubernetes;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.controlplane.sandbox.SandboxProviderContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
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
        var properties = PodFixtures.properties(NS, "sandbox:test", Map.of());
        provider = new KubernetesSandboxProvider(
                client, properties, java.time.Duration.ofSeconds(30), event -> {}, Clock.systemUTC());
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
