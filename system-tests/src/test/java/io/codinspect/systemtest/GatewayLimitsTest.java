package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 3 and 4 of the model gateway with the real supervisor and OpenCode: limits admitted
 * before work starts and enforced mid-stream, and provider faults that end in a clear outcome.
 */
class GatewayLimitsTest {

    private static final Duration TURN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static LocalSystem system;
    private static ApiClient alice;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(
                dir.resolve("data"),
                Map.of(
                        // one turn of two Anthropic calls crosses it at the second call's message_start:
                        // a call of the fake costs $0.0006465 at Anthropic's prices, $0.0003615 of it known at once
                        "codinspect.limits.session-cost-usd", "0.0009",
                        "codinspect.limits.max-running-prompts", 1,
                        "codinspect.prompts.reconcile-interval", "500ms",
                        "codinspect.models.response-timeout", "3s"));
        alice = system.newUser("Alice Limits", "alice-limits", "alice.limits@example.com");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void aTurnThatCrossesTheSessionLimitMidStreamIsStoppedWithItsWorkOnTheBranchAndTheNextPromptNeverStarts() {
        var origin = GitRepo.create(dir.resolve("origin-limit"));
        system.llm()
                .script(
                        "spend-it-all",
                        Reply.tool("bash", Map.of("command", "printf 'kept\\n' > kept.txt", "description", "Write")),
                        Reply.slow("Thinking at length", Duration.ofSeconds(60), "about nothing."));
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var first = session.prompt(
                    alice, Map.of("content", "Please spend-it-all", "model", "anthropic/claude-sonnet-4-5"));
            var ending = session.awaitEnd(first, TURN);

            assertThat(TestSession.type(ending)).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString())
                    .contains("The session's cost limit is reached")
                    .contains("spent of $0.0009 (codinspect.limits.session-cost-usd)");
            assertThat(origin.show(session.branch(), "kept.txt")).isEqualTo("kept\n");
            await("the stream the stop cut cancelled at the provider")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> system.llm().abandonedStreams().stream()
                            .anyMatch(r -> r.lastUserText().contains("spend-it-all")));

            var calls = system.llm().requests().size();
            var second = session.prompt(alice, "Now do-more-work");
            var refused = session.awaitEnd(second, Duration.ofSeconds(15));
            assertThat(TestSession.type(refused)).isEqualTo("prompt.failed");
            assertThat(refused.path("error").asString()).contains("The session's cost limit is reached");
            assertThat(session.eventsOf(second, "prompt.started"))
                    .as("it never started")
                    .isEmpty();
            assertThat(system.llm().requests()).as("no model call for it").hasSize(calls);
        }
    }

    @Test
    void withAConcurrencyLimitOfOneASecondSessionsPromptWaitsSayingWhyUntilTheFirstFinishes() {
        var origin = GitRepo.create(dir.resolve("origin-concurrency"));
        system.llm().script("hold-the-place", Reply.slow("Working", Duration.ofSeconds(4), "and done."));
        system.llm().script("wait-your-turn", Reply.text("My turn came."));
        try (var busy = TestSession.open(system, alice, origin.dir().toString());
                var waiting = TestSession.open(system, alice, origin.dir().toString())) {
            var first = busy.prompt(alice, "Please hold-the-place");
            await().atMost(TURN)
                    .until(() -> !busy.eventsOf(first, "prompt.started").isEmpty());
            var second = waiting.prompt(alice, "Please wait-your-turn");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !prompt(waiting, 0).path("waiting").isNull());
            assertThat(prompt(waiting, 0).path("waiting").asString())
                    .isEqualTo("Waiting for capacity: 1 prompt is running and the limit is 1"
                            + " (codinspect.limits.max-running-prompts)");
            assertThat(waiting.events("sandbox.status"))
                    .as("no sandbox boots for it")
                    .isEmpty();

            busy.awaitCompleted(first, TURN);
            waiting.awaitCompleted(second, TURN);
            var started =
                    java.time.Instant.parse(prompt(waiting, 0).path("startedAt").asString());
            var finished =
                    java.time.Instant.parse(prompt(busy, 0).path("finishedAt").asString());
            assertThat(started).as("it started after the first finished").isAfterOrEqualTo(finished);
        }
    }

    @Test
    void providerFaultsEndInAClearOutcome() {
        var origin = GitRepo.create(dir.resolve("origin-faults"));
        system.llm()
                .script(
                        "rate-limited-once",
                        Reply.flaky(
                                Reply.rateLimited(Duration.ofSeconds(1)), 1, Reply.text("Answered after waiting.")));
        system.llm().script("never-answers", Reply.silence(Duration.ofSeconds(5)));
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var limited = session.prompt(alice, "Please rate-limited-once");
            session.awaitCompleted(limited, TURN);
            assertThat(system.llm().turns("rate-limited-once"))
                    .as("the 429 and its Retry-After reached OpenCode, which tried again")
                    .hasSizeGreaterThanOrEqualTo(2);

            var silent = session.prompt(alice, "Please never-answers");
            await().atMost(TURN)
                    .until(() -> session.events("warning").stream()
                            .anyMatch(e -> e.path("message").asString().contains("did not answer within 3 s")));
            assertThat(alice.post("/api/sessions/" + session.id() + "/stop", null)
                            .status())
                    .isEqualTo(200);
            var ending = session.awaitEnd(silent, TURN);
            assertThat(TestSession.type(ending)).isIn("prompt.cancelled", "prompt.failed");
        }
    }

    private static tools.jackson.databind.JsonNode prompt(TestSession session, int index) {
        return alice.get("/api/sessions/" + session.id() + "/prompts").json().get(index);
    }
}
