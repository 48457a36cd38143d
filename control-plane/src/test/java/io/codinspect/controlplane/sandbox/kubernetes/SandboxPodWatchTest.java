package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The informer behind {@link SandboxPodWatch} when the API server says the watch is too old (410
 * Gone): it lists again (without a resource version) and watches from there.
 */
@EnableKubernetesMockClient
class SandboxPodWatchTest {

    private static final String NS = "sandboxes";
    private static final String SELECTOR =
            "labelSelector=app.kubernetes.io%2Fmanaged-by%3Dcodinspect%2Capp.kubernetes.io%2Fcomponent%3Dsandbox";

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void aWatchAnsweredWith410GoneIsReListedAndReWatchedAndMissesNothing() {
        var healthy = pod("100", null);
        var broken = pod("200", "ImagePullBackOff");
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NS + "/pods?" + SELECTOR + "&resourceVersion=0")
                .andReturn(
                        200,
                        new PodListBuilder()
                                .withNewMetadata()
                                .withResourceVersion("100")
                                .endMetadata()
                                .withItems(healthy)
                                .build())
                .once();
        server.expect()
                .get()
                .withPath(watch("100"))
                .andUpgradeToWebSocket()
                .open()
                .waitFor(100)
                .andEmit(new WatchEvent(
                        new StatusBuilder()
                                .withCode(410)
                                .withReason("Expired")
                                .withMessage("too old resource version: 100 (150)")
                                .build(),
                        "ERROR"))
                .done()
                .once();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NS + "/pods?" + SELECTOR)
                .andReturn(
                        200,
                        new PodListBuilder()
                                .withNewMetadata()
                                .withResourceVersion("200")
                                .endMetadata()
                                .withItems(broken)
                                .build())
                .always();
        server.expect()
                .get()
                .withPath(watch("200"))
                .andUpgradeToWebSocket()
                .open()
                .done()
                .always();

        List<Pod> seen = new CopyOnWriteArrayList<>();
        try (var watch = SandboxPodWatch.start(client, NS, Duration.ofMinutes(10), seen::add)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> seen.stream()
                            .anyMatch(p -> "200".equals(p.getMetadata().getResourceVersion())));
        }
        assertThat(seen.getFirst().getMetadata().getResourceVersion()).isEqualTo("100");
        assertThat(PodTrouble.of(seen.getLast(), java.time.Instant.now(), Duration.ofMinutes(5)))
                .hasValueSatisfying(trouble -> assertThat(trouble).contains("ImagePullBackOff"));
    }

    private static String watch(String resourceVersion) {
        return "/api/v1/namespaces/" + NS + "/pods?allowWatchBookmarks=true&" + SELECTOR + "&resourceVersion="
                + resourceVersion + "&timeoutSeconds=600&watch=true";
    }

    private static Pod pod(String resourceVersion, String waitingReason) {
        var builder = new PodBuilder()
                .withNewMetadata()
                .withName("codinspect-sandbox-a")
                .withNamespace(NS)
                .withResourceVersion(resourceVersion)
                .addToLabels(SandboxPods.MANAGED_BY, SandboxPods.CODINSPECT)
                .addToLabels(SandboxPods.COMPONENT, "sandbox")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("sandbox")
                .withImage("registry.example.com/sandbox:1")
                .endContainer()
                .endSpec();
        if (waitingReason == null) {
            return builder.build();
        }
        return builder.withNewStatus()
                .withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("sandbox")
                        .withImage("registry.example.com/sandbox:1")
                        .withNewState()
                        .withNewWaiting()
                        .withReason(waitingReason)
                        .endWaiting()
                        .endState()
                        .build())
                .endStatus()
                .build();
    }
}
