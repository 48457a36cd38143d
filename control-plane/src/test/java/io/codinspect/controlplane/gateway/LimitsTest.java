package io.codinspect.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.PromptFailed;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.Json;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Spending and concurrency limits, admitted before any sandbox boots and enforced while turns run. */
class LimitsTest {

    private static FakeLlm llm;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static AgentCalls calls;

    @BeforeAll
    static void start() {
        llm = FakeLlm.start(0);
        var settings = AgentCalls.fakeProvider(llm.baseUrl(), "sk-limits-test", "m1");
        settings.putAll(Map.of(
                "codinspect.models.providers.fake.prices.m1.input", "10",
                "codinspect.models.providers.fake.prices.m1.output", "10",
                // one call of the fake costs more than this: ~0.0015 USD
                "codinspect.limits.session-cost-usd", "0.001",
                "codinspect.limits.max-running-prompts", "1",
                "codinspect.prompts.reconcile-interval", "300ms"));
        controlPlane = RunningControlPlane.start(settings);
        calls = new AgentCalls(controlPlane.port());
        alice = controlPlane.newUser("Alice", "alice-limits");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        llm.close();
    }

    @Test
    void aTurnThatReachesTheSessionLimitIsStoppedAndTheNextPromptFailsBeforeAnyModelCall() throws Exception {
        var session = newSession();
        alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "limit-first"));
        await().until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        var sandbox = controlPlane.sandboxes().of(session).getFirst();
        var run = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        llm.script("limit-first", Reply.text("An answer that costs more than the session may spend."));

        var token = controlPlane.sandboxes().specsOf(session).getLast().agentToken();
        assertThat(chat(token, "limit-first").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> sandbox.received().stream()
                        .anyMatch(m -> m instanceof ControlMessage.Stop stop
                                && stop.promptId().equals(run.promptId())
                                && stop.reason() != null
                                && stop.reason().contains("session's cost limit")));
        var stop = (ControlMessage.Stop) sandbox.received().stream()
                .filter(m -> m instanceof ControlMessage.Stop)
                .findFirst()
                .orElseThrow();
        assertThat(stop.reason())
                .matches(".*\\$0\\.\\d{4} spent of \\$0\\.0010 \\(codinspect.limits.session-cost-usd\\)");
        var refused = chat(token, "limit-first");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.parse(refused.body()).path("error").path("message").asString())
                .contains("session's cost limit");
        sandbox.emit(new PromptFailed(run.promptId(), stop.reason()));
        sandbox.turnEnded();
        await().until(() -> status(session, 0).equals("failed"));

        var calls = llm.requests().size();
        alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "limit-second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(session, 1).equals("failed"));
        assertThat(prompt(session, 1).path("error").asString())
                .contains("session's cost limit is reached")
                .contains("of $0.0010");
        assertThat(sandbox.pollPrompt())
                .as("the refused prompt never reached the sandbox")
                .isNull();
        assertThat(llm.requests()).hasSize(calls);
    }

    @Test
    void beyondTheConcurrencyLimitAPromptWaitsSayingWhyUntilAPlaceFrees() throws Exception {
        var first = newSession();
        alice.post("/api/sessions/" + first + "/prompts", Map.of("content", "busy"));
        await().until(() -> !controlPlane.sandboxes().of(first).isEmpty());
        var busy = controlPlane.sandboxes().of(first).getFirst();
        var run = busy.awaitPrompt(10, TimeUnit.SECONDS);

        var second = newSession();
        alice.post("/api/sessions/" + second + "/prompts", Map.of("content", "waiting"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !prompt(second, 0).path("waiting").isNull());
        assertThat(prompt(second, 0).path("waiting").asString())
                .isEqualTo("Waiting for capacity: 1 prompt is running and the limit is 1"
                        + " (codinspect.limits.max-running-prompts)");
        assertThat(prompt(second, 0).path("status").asString()).isEqualTo("queued");
        assertThat(controlPlane.sandboxes().of(second))
                .as("nothing boots for a waiting prompt")
                .isEmpty();
        var limits = controlPlane.admin().get("/api/usage/limits").json();
        assertThat(limits.path("runningPrompts").path("running").asLong()).isEqualTo(1);
        assertThat(limits.path("runningPrompts").path("waiting").asLong()).isEqualTo(1);
        assertThat(alice.get("/api/usage/limits").status()).isEqualTo(403);

        busy.emit(new PromptCompleted(run.promptId()));
        busy.turnEnded();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !controlPlane.sandboxes().of(second).isEmpty());
        var next = controlPlane.sandboxes().of(second).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        assertThat(next.content()).isEqualTo("waiting");
        assertThat(prompt(second, 0).path("waiting").isNull()).isTrue();
        controlPlane.sandboxes().of(second).getFirst().emit(new PromptCompleted(next.promptId()));
        controlPlane.sandboxes().of(second).getFirst().turnEnded();
    }

    private static UUID newSession() {
        return UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/acme/limits.git"))
                .text("id"));
    }

    private static JsonNode prompt(UUID session, int index) {
        return alice.get("/api/sessions/" + session + "/prompts").json().get(index);
    }

    private static String status(UUID session, int index) {
        var list = alice.get("/api/sessions/" + session + "/prompts").json();
        return list.size() > index ? list.get(index).path("status").asString() : "";
    }

    private static HttpResponse<String> chat(String token, String trigger) throws Exception {
        return calls.chat(token, "m1", trigger);
    }
}
