package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.event.SandboxEventsStored;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Work found from the database, not only from callbacks: a prompt whose dispatch callback was
 * lost is dispatched anyway, and a domain reaction that throws neither holds up other sandboxes'
 * events nor leaves its prompt running.
 */
class ReconcilerTest {

    /** Sessions whose stored events the test's listener refuses to react to: always, or a few times. */
    private static final Set<UUID> alwaysFailing = ConcurrentHashMap.newKeySet();

    private static final Map<UUID, AtomicInteger> failingTimes = new ConcurrentHashMap<>();
    private static final AtomicInteger failures = new AtomicInteger();

    private static RunningControlPlane controlPlane;
    private static ApiClient erin;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(
                Map.of(
                        "spring.datasource.url", io.codinspect.testkit.TestPostgres.newDatabase(),
                        "spring.datasource.username", "postgres",
                        "codinspect.prompts.reconcile-interval", "1s"),
                new SimulatedSandboxes(),
                context -> context.registerBean(MisbehavingReaction.class));
        erin = controlPlane.newUser("Erin", "erin");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    /** A reaction of some feature that throws for the sessions the test names. */
    static class MisbehavingReaction {
        @EventListener
        void on(SandboxEventsStored stored) {
            var left = failingTimes.get(stored.sessionId());
            if (alwaysFailing.contains(stored.sessionId()) || (left != null && left.getAndDecrement() > 0)) {
                failures.incrementAndGet();
                throw new IllegalStateException("a reaction that fails for session " + stored.sessionId());
            }
        }
    }

    @Test
    void aQueuedPromptWhoseDispatchCallbackWasLostIsDispatchedAnyway() throws Exception {
        var session = newSession();
        // as if the control plane died between committing the prompt and kicking its dispatch
        var promptId = UUID.randomUUID();
        var jdbc = controlPlane.bean(JdbcTemplate.class);
        var author = UUID.fromString(erin.get("/api/me").text("id"));
        jdbc.update("update session set prompt_count = prompt_count + 1 where id = ?", session);
        jdbc.update(
                "insert into prompt (id, session_id, ordinal, author_id, content, status, created_at)"
                        + " values (?, ?, (select prompt_count from session where id = ?), ?, 'found by the sweep',"
                        + " 'queued', ?)",
                promptId,
                session,
                session,
                author,
                java.sql.Timestamp.from(Instant.now()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        var run = controlPlane.sandboxes().of(session).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        assertThat(run).isNotNull();
        assertThat(run.promptId()).isEqualTo(promptId.toString());
        assertThat(run.content()).isEqualTo("found by the sweep");
    }

    @Test
    void aReactionThatFailsIsRetriedWhileOtherSandboxesEventsKeepFlowing() throws Exception {
        var troubled = newSession();
        var healthy = newSession();
        failingTimes.put(troubled, new AtomicInteger(3));
        var failuresBefore = failures.get();
        var troubledPrompt = prompt(troubled);
        var troubledSandbox = controlPlane.sandboxes().of(troubled).getFirst();
        var troubledRun = troubledSandbox.awaitPrompt(10, TimeUnit.SECONDS);
        troubledSandbox.emit(new AssistantText(troubledRun.promptId(), "p1", "Done."));
        troubledSandbox.emit(new PromptCompleted(troubledRun.promptId()));

        var healthyPrompt = prompt(healthy);
        var healthySandbox = controlPlane.sandboxes().of(healthy).getFirst();
        var healthyRun = healthySandbox.awaitPrompt(10, TimeUnit.SECONDS);
        healthySandbox.emit(new PromptCompleted(healthyRun.promptId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(status(healthy, healthyPrompt)));

        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(status(troubled, troubledPrompt)));
        assertThat(failures.get() - failuresBefore)
                .as("the reaction failed and was tried again")
                .isGreaterThan(0);
        assertThat(SessionFlowTest.allEvents(erin, troubled))
                .filteredOn(e -> "prompt.completed".equals(e.path("type").asString()))
                .hasSize(1);
    }

    @Test
    void aRunningPromptWhoseStoredEndingNeverGetsItsReactionEndsWithItAnyway() throws Exception {
        var session = newSession();
        alwaysFailing.add(session);
        var promptId = prompt(session);
        var sandbox = controlPlane.sandboxes().of(session).getFirst();
        var run = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        sandbox.emit(new PromptCompleted(run.promptId()));

        await().atMost(Duration.ofSeconds(15)).until(() -> "completed".equals(status(session, promptId)));
        var next = prompt(session);
        assertThat(sandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId())
                .as("the queue moved on")
                .isEqualTo(next);
    }

    private static UUID newSession() {
        return UUID.fromString(erin.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    private static String prompt(UUID session) {
        var prompt = erin.post("/api/sessions/" + session + "/prompts", Map.of("content", "work"))
                .text("id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        return prompt;
    }

    private static String status(UUID session, String prompt) {
        return erin.get("/api/sessions/" + session + "/prompts/" + prompt).text("status");
    }
}
