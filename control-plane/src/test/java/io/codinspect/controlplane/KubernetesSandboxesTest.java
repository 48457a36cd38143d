package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.sandbox.kubernetes.PodFixtures;
import io.codinspect.testkit.SimulatedSandbox;
import io.codinspect.testkit.kubernetes.ContainerEnvironment;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
                "registry.example.com/codinspect/sandbox:missing",
                "codinspect.sandbox.idle-timeout",
                "2s",
                "codinspect.sandbox.reaper-interval",
                "500ms",
                "codinspect.models.providers.anthropic.api-key",
                ANTHROPIC_KEY,
                "codinspect.models.gateway-url",
                "http://codinspect.codinspect.svc:8080"));
    }

    private static final String ANTHROPIC_KEY = "sk-ant-kubernetes-canary-31c9e7";

    /** Everything of a sandbox that the sandbox namespace holds, its Secrets' values decoded. */
    private static String namespaceContents() {
        var text = new StringBuilder();
        for (var pod : client.pods().inNamespace(NS).list().getItems()) {
            text.append(io.fabric8.kubernetes.client.utils.Serialization.asYaml(pod));
        }
        for (var secret : client.secrets().inNamespace(NS).list().getItems()) {
            text.append(io.fabric8.kubernetes.client.utils.Serialization.asYaml(secret));
            if (secret.getData() != null) {
                secret.getData()
                        .values()
                        .forEach(v -> text.append(new String(
                                java.util.Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return text.toString();
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

    /** Plays the pod's supervisor container: connects to the bridge with what Kubernetes would hand it. */
    private static SimulatedSandbox startedFrom(Pod pod) {
        var env = ContainerEnvironment.of(client, pod, "supervisor");
        return new SimulatedSandbox(URI.create(env.get("CODINSPECT_BRIDGE_URL")), env.get("CODINSPECT_SANDBOX_TOKEN"))
                .connect();
    }

    private static Pod awaitPod(String session) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> podsOf(session), pods -> pods.size() == 1)
                .getFirst();
    }

    @Test
    void aConnectedPodRunsPromptsIsDeletedWhenIdleAndAnOomKillFailsItsRunningPromptInWords() throws Exception {
        var heidi = controlPlane.newUser("Heidi", "heidi");
        var session = heidi.post("/api/sessions", Map.of("repository", "https://git.example.com/acme/gadgets.git"))
                .text("id");
        var first = heidi.post("/api/sessions/" + session + "/prompts", Map.of("content", "first"))
                .text("id");
        var firstPod = awaitPod(session);
        assertThat(namespaceContents())
                .as("no provider key in a pod spec or Secret of the sandbox namespace")
                .contains("http://codinspect.codinspect.svc:8080/llm/anthropic")
                .contains("cia_")
                .doesNotContain(ANTHROPIC_KEY);
        try (var sandbox = startedFrom(firstPod)) {
            var run = sandbox.awaitPrompt(20, TimeUnit.SECONDS);
            assertThat(run.promptId()).isEqualTo(first);
            Scripts.answer(sandbox, run);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "completed"
                            .equals(heidi.get("/api/sessions/" + session + "/prompts/" + first)
                                    .text("status")));
            await("the idle pod deleted")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> podsOf(session).isEmpty());
        }

        var second = heidi.post("/api/sessions/" + session + "/prompts", Map.of("content", "second"))
                .text("id");
        var pod = awaitPod(session);
        pod.getSpec().setNodeName("node-3");
        pod = client.pods().inNamespace(NS).resource(pod).update();
        pod = client.pods()
                .inNamespace(NS)
                .resource(new PodBuilder(pod)
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build())
                .updateStatus();
        await("the timeline says the pod runs")
                .atMost(Duration.ofSeconds(20))
                .until(() -> heidi.get("/api/sessions/" + session + "/events?after=0")
                        .body()
                        .contains("Sandbox pod running on node node-3"));
        try (var sandbox = startedFrom(pod)) {
            assertThat(sandbox.awaitPrompt(20, TimeUnit.SECONDS).promptId()).isEqualTo(second);
            PodFixtures.report(client, pod, "Running", PodFixtures.oomKilled("sandbox"));
            var failed = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> heidi.get("/api/sessions/" + session + "/prompts/" + second)
                                    .json(),
                            p -> "failed".equals(p.get("status").asString()));
            assertThat(failed.get("error").asString())
                    .contains("ran out of memory")
                    .contains("the agent's container")
                    .contains("3584Mi")
                    .contains("4Gi");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> podsOf(session).isEmpty());
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
        PodFixtures.report(
                client,
                pod,
                "Pending",
                PodFixtures.waiting(
                        "registry.example.com/codinspect/sandbox:missing",
                        "ImagePullBackOff",
                        "Back-off pulling image"));

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
