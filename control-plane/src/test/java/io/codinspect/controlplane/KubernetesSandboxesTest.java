package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane with {@code codinspect.sandbox.provider=kubernetes} against fabric8's mock API
 * server in CRUD mode: a prompt makes a pod, and a pod that cannot start fails the prompt in words.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesSandboxesTest {

    private static final String NS = "sandboxes";

    static KubernetesClient client;
    private static RunningControlPlane controlPlane;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.sandbox.provider",
                "kubernetes",
                "codinspect.sandbox.kubernetes.master-url",
                client.getMasterUrl().toString(),
                "codinspect.sandbox.kubernetes.namespace",
                NS,
                "codinspect.sandbox.kubernetes.image",
                "registry.example.com/codinspect/sandbox:missing"));
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    private static List<Pod> podsOf(String sessionId) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("codinspect.io/session", sessionId)
                .list()
                .getItems();
    }

    @Test
    void aPodThatCannotPullItsImageFailsThePromptSayingSoAndIsDeleted() {
        var grace = controlPlane.newUser("Grace", "grace");
        var session = grace.post("/api/sessions", Map.of("repository", "https://git.example.com/acme/widgets.git"))
                .text("id");
        var prompt = grace.post("/api/sessions/" + session + "/prompts", Map.of("content", "hello"))
                .text("id");

        var pod = await().atMost(Duration.ofSeconds(20))
                .until(() -> podsOf(session), pods -> pods.size() == 1)
                .getFirst();
        client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder(pod)
                        .withNewStatus()
                        .withPhase("Pending")
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("sandbox")
                                .withImage("registry.example.com/codinspect/sandbox:missing")
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ImagePullBackOff")
                                .withMessage("Back-off pulling image")
                                .endWaiting()
                                .endState()
                                .build())
                        .endStatus()
                        .build())
                .updateStatus();

        var failed = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> grace.get("/api/sessions/" + session + "/prompts/" + prompt)
                                .json(),
                        p -> "failed".equals(p.get("status").asString()));
        assertThat(failed.get("error").asString())
                .contains("registry.example.com/codinspect/sandbox:missing could not be pulled")
                .contains("ImagePullBackOff");
        await().atMost(Duration.ofSeconds(20)).until(() -> podsOf(session).isEmpty());
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName(pod.getMetadata().getName())
                        .get())
                .isNull();
        assertThat(podsOf(session)).isEmpty();
    }
}
