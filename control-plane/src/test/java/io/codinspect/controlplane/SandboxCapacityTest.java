package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.event.PromptCompleted;
import io.codinspect.testkit.ApiClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The max-active limit and the idle timeout of sandboxes. */
class SandboxCapacityTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.sandbox.max-active", 1,
                "codinspect.sandbox.idle-timeout", "2s",
                "codinspect.sandbox.reaper-interval", "200ms"));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void beyondMaxActivePromptsWaitInTheirQueueUntilASandboxEndsAndIdleSandboxesStop() throws Exception {
        var first = newSession();
        var second = newSession();
        alice.post("/api/sessions/" + first + "/prompts", Map.of("content", "one"));
        await().until(() -> !controlPlane.sandboxes().of(first).isEmpty());
        var busy = controlPlane.sandboxes().of(first).getFirst();
        var run = busy.awaitPrompt(10, TimeUnit.SECONDS);

        alice.post("/api/sessions/" + second + "/prompts", Map.of("content", "two"));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> controlPlane.sandboxes().of(second).isEmpty());
        assertThat(SessionFlowTest.statuses(alice, second)).containsExactly("queued");
        assertThat(controlPlane.sandboxes().stopped())
                .as("a sandbox running a prompt is never idle")
                .isEmpty();

        busy.emit(new PromptCompleted(run.promptId()));
        busy.turnEnded();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !controlPlane.sandboxes().stopped().isEmpty());
        assertThat(SessionFlowTest.allEvents(alice, first))
                .anySatisfy(e -> assertThat(e.path("message").asString()).contains("idle for"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !controlPlane.sandboxes().of(second).isEmpty());
        var next = controlPlane.sandboxes().of(second).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        assertThat(next.content()).isEqualTo("two");
    }

    private static UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }
}
