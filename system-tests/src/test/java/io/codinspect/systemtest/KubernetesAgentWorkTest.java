package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.github.GitHttpServer;
import io.codinspect.testkit.llm.Reply;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow with {@code codinspect.sandbox.provider=kubernetes}: fabric8's mock API server
 * takes the pods, and {@link PodsAsProcesses} runs each as the real supervisor with the real
 * OpenCode against the fake LLM, so the provider, the supervisor and the agent work together.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesAgentWorkTest {

    private static final String NS = "codinspect-sandboxes";
    private static final Duration TURN = Duration.ofSeconds(90);

    static KubernetesClient client;

    @TempDir
    static Path dir;

    private static PodsAsProcesses kubelet;
    private static LocalSystem system;
    private static ApiClient ivy;

    @BeforeAll
    static void start() {
        kubelet = PodsAsProcesses.start(client, NS, dir.resolve("pods"));
        system = LocalSystem.start(
                dir.resolve("data"),
                Map.of(
                        "codinspect.sandbox.provider",
                        "kubernetes",
                        "codinspect.sandbox.kubernetes.master-url",
                        client.getMasterUrl().toString(),
                        "codinspect.sandbox.kubernetes.namespace",
                        NS,
                        "codinspect.sandbox.kubernetes.heartbeat-interval",
                        "2s"));
        ivy = system.newUser("Ivy Inspector", "ivy", "ivy@example.com");
    }

    @AfterAll
    static void stop() {
        system.close();
        kubelet.close();
    }

    @Test
    void aPromptRunsTheRealAgentInAPodAndItsWorkIsPushedThenArchivingDeletesThePod() {
        var origin = GitRepo.create(dir.resolve("origin"));
        system.llm()
                .script(
                        "write-notes",
                        Reply.tool("write", Map.of("filePath", "NOTES.md", "content", "From a pod.\n")),
                        Reply.text("Wrote NOTES.md."));
        // a pod does not share this machine's disk: it clones over the network, as from a real git host
        try (var host = GitHttpServer.start(dir);
                var session = TestSession.open(system, ivy, host.url("origin"))) {
            session.awaitCompleted(session.prompt(ivy, "Please write-notes"), TURN);

            assertThat(origin.show(session.branch(), "NOTES.md")).isEqualTo("From a pod.\n");
            var pods = client.pods().inNamespace(NS).list().getItems();
            assertThat(pods)
                    .singleElement()
                    .satisfies(pod -> assertThat(pod.getMetadata().getLabels())
                            .containsEntry("codinspect.io/session", session.id().toString()));
            assertThat(kubelet.processes()).hasSize(1);

            ivy.post("/api/sessions/" + session.id() + "/archive", null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.pods().inNamespace(NS).list().getItems().isEmpty());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> kubelet.processes().values().stream().noneMatch(Process::isAlive));
        }
    }
}
