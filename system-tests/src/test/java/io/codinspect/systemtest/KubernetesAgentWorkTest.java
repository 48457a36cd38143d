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
 * takes the pods, and {@link PodsAsProcesses} runs each pod's two containers — the real supervisor,
 * and the real runner starting the real OpenCode against the fake LLM — in namespaces of their own,
 * so the provider, the supervisor, the runner and the agent work together as in a pod.
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
            var pod = podOf(session);
            assertThat(kubelet.containers()).containsKeys(pod + "/supervisor", pod + "/agent");
            assertThat(kubelet.volume(pod, "supervisor-logs").resolve("opencode.log"))
                    .as("OpenCode's output, in the supervisor's own volume")
                    .isNotEmptyFile();
            assertThat(kubelet.volume(pod, "workspace").resolve("opencode.log")).doesNotExist();
            assertThat(kubelet.log(pod, "agent")).content().contains("Launched program=");

            ivy.post("/api/sessions/" + session.id() + "/archive", null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.pods().inNamespace(NS).withName(pod).get() == null);
            await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(pod).noneMatch(Process::isAlive));
            assertThat(kubelet.log(pod, "agent"))
                    .as("the supervisor told the runner it was done")
                    .content()
                    .contains("The supervisor is done");
        }
    }

    @Test
    void theAgentSeesNoSecretAndAPodDeletedMidTurnStillCommitsAndPushesTheTurnsWork() throws Exception {
        var origin = GitRepo.create(dir.resolve("origin-deleted"));
        system.llm()
                .script(
                        "probe-then-think",
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "cat /proc/*/environ | tr '\\0' '\\n'; echo ---; env",
                                        "description",
                                        "Look at every environment")),
                        Reply.tool("write", Map.of("filePath", "HALF.md", "content", "Half done.\n")),
                        Reply.slow("Thinking about the other half", Duration.ofMinutes(2), "."));
        try (var host = GitHttpServer.start(dir);
                var session = TestSession.open(system, ivy, host.url("origin-deleted"))) {
            var prompt = session.prompt(ivy, "Please probe-then-think");
            await().atMost(TURN)
                    .until(() -> system.llm().turns("probe-then-think").size() >= 3
                            && completed(session, prompt, "write").isPresent());
            var probe = completed(session, prompt, "bash")
                    .orElseThrow()
                    .path("output")
                    .asString();
            assertThat(probe)
                    .as("what the agent's shell reads in every process it can see")
                    .contains("CODINSPECT_RUNNER_PORT=")
                    .contains("OPENCODE_SERVER_PASSWORD=")
                    .doesNotContain("cis_")
                    .doesNotContain(LocalSystem.LLM_KEY)
                    .doesNotContain("CODINSPECT_SANDBOX_ID")
                    .doesNotContain("CODINSPECT_BRIDGE_URL");

            var pod = podOf(session);
            client.pods().inNamespace(NS).withName(pod).delete(); // SIGTERM to both containers, mid-turn

            await().atMost(Duration.ofSeconds(45))
                    .until(() -> origin.hasBranch(session.branch())
                            && !origin.commitsSinceMain(session.branch()).isEmpty());
            assertThat(origin.show(session.branch(), "HALF.md")).isEqualTo("Half done.\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .singleElement()
                    .asString()
                    .startsWith("Ivy Inspector|ivy@example.com|work in progress, stopped: the sandbox was terminated");
            var ending = session.awaitEnd(prompt, Duration.ofSeconds(30));
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString())
                    .contains("Stopped: the sandbox was terminated")
                    .contains("the work so far is on " + session.branch());
            await().atMost(Duration.ofSeconds(45)).until(() -> containersOf(pod).noneMatch(Process::isAlive));
            assertThat(kubelet.log(pod, "agent")).content().contains("SIGTERM").contains("The supervisor is done");
        }
    }

    private static java.util.Optional<tools.jackson.databind.node.ObjectNode> completed(
            TestSession session, String prompt, String tool) {
        return session.eventsOf(prompt, "tool.call").stream()
                .filter(e -> tool.equals(e.path("tool").asString()))
                .filter(e -> "completed".equals(e.path("status").asString()))
                .findFirst();
    }

    private static String podOf(TestSession session) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("codinspect.io/session", session.id().toString())
                .list()
                .getItems()
                .getFirst()
                .getMetadata()
                .getName();
    }

    private static java.util.stream.Stream<Process> containersOf(String pod) {
        return kubelet.containers().entrySet().stream()
                .filter(e -> e.getKey().startsWith(pod + "/"))
                .map(Map.Entry::getValue);
    }
}
