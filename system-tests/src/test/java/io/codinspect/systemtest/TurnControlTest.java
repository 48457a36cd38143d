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

/** Acceptance 3 and 4 (provider error): stopping a turn and a provider refusing the key. */
class TurnControlTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    /** Short, so that a turn past it is seen soon; every other turn here ends well before it. */
    private static final String TURN_TIMEOUT = "12s";

    @TempDir
    static Path dir;

    private static LocalSystem system;
    private static ApiClient carol;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(dir.resolve("data"), Map.of("codinspect.prompts.turn-timeout", TURN_TIMEOUT));
        carol = system.newUser("Carol Danvers", "carol", "carol@example.com");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void stopEndsASlowTurnWithinTwoSecondsAndTheNextPromptWorks() {
        var origin = GitRepo.create(dir.resolve("origin-stop"));
        system.llm()
                .script("slow-thinking", Reply.slow("Let me think about this for a while", Duration.ofMinutes(2), "."));
        system.llm().script("quick-answer", Reply.text("Quick answer."));
        try (var session = TestSession.open(system, carol, origin.dir().toString())) {
            var slow = session.prompt(carol, "Please do some slow-thinking");
            await().atMost(TURN)
                    .until(() -> !system.llm().turns("slow-thinking").isEmpty()
                            && !session.eventsOf(slow, "prompt.started").isEmpty());

            var stopAt = System.nanoTime();
            assertThat(carol.post("/api/sessions/" + session.id() + "/stop", null)
                            .status())
                    .isLessThan(300);
            var ending = session.awaitEnd(slow, Duration.ofSeconds(10));
            var tookMs = (System.nanoTime() - stopAt) / 1_000_000;
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.cancelled");
            assertThat(tookMs).as("stop took %d ms", tookMs).isLessThanOrEqualTo(2_000);
            // the prompt's status follows its stored ending (a reaction after the event's commit)
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> carol.get("/api/sessions/" + session.id() + "/prompts/" + slow)
                                    .text("status"),
                            "cancelled"::equals);

            var next = session.prompt(carol, "Now a quick-answer please");
            session.awaitCompleted(next, TURN);
            assertThat(session.eventsOf(next, "assistant.text"))
                    .extracting(e -> e.path("text").asString())
                    .contains("Quick answer.");
        }
    }

    @Test
    void aProviderRefusingTheKeyFailsThePromptWithItsMessageAndTheSandboxStaysUsable() {
        var origin = GitRepo.create(dir.resolve("origin-401"));
        system.llm().script("needs-auth", Reply.failure(401, "Incorrect API key provided: sk-fake-***"));
        system.llm().script("after-auth", Reply.text("Working again."));
        try (var session = TestSession.open(system, carol, origin.dir().toString())) {
            var refused = session.prompt(carol, "This needs-auth");
            var ending = session.awaitEnd(refused, TURN);
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString()).contains("Incorrect API key provided");
            assertThat(ending.toString()).doesNotContain(LocalSystem.LLM_KEY);

            var next = session.prompt(carol, "Try after-auth");
            session.awaitCompleted(next, TURN);
            assertThat(session.sandboxOf(next)).isEqualTo(session.sandboxOf(refused));
        }
    }

    @Test
    void anUnknownModelIsRefusedAtTheApi() {
        var origin = GitRepo.create(dir.resolve("origin-model"));
        try (var session = TestSession.open(system, carol, origin.dir().toString())) {
            var refused = carol.post(
                    "/api/sessions/" + session.id() + "/prompts", Map.of("content", "hi", "model", "fake/unknown"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.text("detail")).contains("fake/unknown").contains("/api/models");
            assertThat(carol.get("/api/sessions/" + session.id() + "/prompts").json())
                    .isEmpty();
            var models = carol.get("/api/models").json();
            assertThat(models.findValuesAsString("id"))
                    .containsExactlyInAnyOrder("anthropic/claude-sonnet-4-5", "openai/gpt-5", "fake/m1", "fake/m2");
            assertThat(models.toString())
                    .doesNotContain(LocalSystem.LLM_KEY)
                    .doesNotContain(LocalSystem.ANTHROPIC_KEY)
                    .doesNotContain(LocalSystem.OPENAI_KEY);
        }
    }

    @Test
    void aTurnPastTheTurnTimeoutIsStoppedItsWorkCommittedAndThePromptFailsSayingSo() {
        var origin = GitRepo.create(dir.resolve("origin-timeout"));
        system.llm()
                .script(
                        "never-finishes",
                        Reply.tool("write", Map.of("filePath", "partial.txt", "content", "half done\n")),
                        Reply.slow("Working on the rest", Duration.ofMinutes(3), "."));
        try (var session = TestSession.open(system, carol, origin.dir().toString())) {
            var prompt = session.prompt(carol, "This never-finishes");
            var ending = session.awaitEnd(prompt, TURN);
            assertThat(TestSession.type(ending)).as("%s", ending).isEqualTo("prompt.failed");
            assertThat(ending.path("error").asString())
                    .startsWith("Stopped: the turn ran longer than 12 s;")
                    .contains("the work so far is on " + session.branch());
            assertThat(origin.show(session.branch(), "partial.txt")).isEqualTo("half done\n");
            assertThat(origin.commitsSinceMain(session.branch()))
                    .containsExactly("Carol Danvers|carol@example.com|work in progress, stopped: the turn ran longer"
                            + " than 12 s");
        }
    }
}
