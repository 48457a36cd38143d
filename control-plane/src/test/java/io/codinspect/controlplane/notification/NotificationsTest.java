package io.codinspect.controlplane.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.codinspect.client.InvalidNotification;
import io.codinspect.client.NotificationVerifier;
import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.CommitPushed;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.SimulatedSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Subscriptions, and durable and best-effort notifications of the sessions a bot created. */
class NotificationsTest {

    private static final String SLACK_TOKEN = "cib_test-slack-token-notifications-0123456789ab";

    private static RunningControlPlane controlPlane;
    private static ApiClient slack;
    private Subscriber subscriber;
    private String secret;
    private String subscriptionId;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.bots.enabled", "slack",
                "codinspect.bots.tokens.slack", SLACK_TOKEN,
                "codinspect.github.sign-in.allowed-email-domains", "acme.com",
                "codinspect.github.public-url", "https://codinspect.acme.com",
                "codinspect.notifications.first-backoff", "200ms",
                "codinspect.notifications.poll-interval", "200ms",
                "codinspect.notifications.progress-interval", "3s",
                // every test starts sessions of its own, and idle ones keep their sandbox
                "codinspect.sandbox.max-active", "16"));
        slack = controlPlane.admin().as(SLACK_TOKEN);
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @BeforeEach
    void subscribe() throws Exception {
        subscriber = new Subscriber();
        var answer = slack.post(
                "/api/bot/subscriptions",
                Map.of(
                        "url",
                        subscriber.url().toString(),
                        "kinds",
                        List.of("prompt.started", "prompt.finished", "prompt.progress", "pull_request")));
        assertThat(answer.status()).isEqualTo(201);
        secret = answer.text("secret");
        subscriptionId = answer.text("id");
    }

    @AfterEach
    void close() {
        subscriber.close();
    }

    @Test
    void aSubscriptionsSecretIsShownOnceAndRenewedWhenTheSameUrlIsSubscribedAgain() {
        var list = slack.get("/api/bot/subscriptions").json();
        var again = slack.post(
                "/api/bot/subscriptions",
                Map.of("url", subscriber.url().toString(), "kinds", List.of("prompt.finished")));

        assertThat(secret).startsWith("whsec_");
        assertThat(list.toString())
                .doesNotContain(secret)
                .contains(subscriber.url().toString());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(idOf(list, subscriber.url().toString()));
        assertThat(again.text("secret")).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(again.json().get("kinds").toString()).isEqualTo("[\"prompt.finished\"]");
    }

    @Test
    void badSubscriptionsAreRefusedInWordsAndPeopleCannotSubscribe() {
        var badKind =
                slack.post("/api/bot/subscriptions", Map.of("url", "https://bot.example/x", "kinds", List.of("all")));
        var badUrl = slack.post(
                "/api/bot/subscriptions", Map.of("url", "file:///etc/passwd", "kinds", List.of("pull_request")));
        var person = controlPlane
                .admin()
                .post(
                        "/api/bot/subscriptions",
                        Map.of("url", "https://bot.example/x", "kinds", List.of("pull_request")));

        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.text("detail")).contains("Unknown kind 'all'");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(person.status()).isEqualTo(403);
    }

    @Test
    void aFinishedPromptIsDeliveredSignedWithWhatABotNeedsToAnswerAfterTheStartAndInOrder() throws Exception {
        var ada = person("ada");
        var key = "slack:T1/C1/" + UUID.randomUUID();
        subscriber.failNext(key, 2);
        var session = botSession(ada, key);
        var sandbox = sandboxOf(session);
        var prompt = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        var promptId = prompt.promptId();

        sandbox.emit(new ToolCall(
                promptId,
                "c1",
                "edit",
                ToolStatus.completed,
                tools.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("filePath", "/work/sandboxes/x/repo/src/Dates.java"),
                "ok",
                false,
                "Edit",
                null));
        sandbox.emit(new AssistantText(promptId, "t1", "Fixed the **flaky** date test."));
        sandbox.emit(new CommitPushed(promptId, "abc123", "codinspect/fix"));
        sandbox.emit(new PromptCompleted(promptId));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinds(subscriber.accepted(session)).contains("prompt.finished"));
        var accepted = subscriber.accepted(session);
        assertThat(kinds(accepted))
                .as("all received: %s", subscriber.received())
                .containsExactly("prompt.started", "prompt.finished");
        var started = subscriber.received(session).stream()
                .filter(r -> r.json().get("kind").asString().equals("prompt.started"))
                .toList();
        assertThat(started).hasSize(3); // two 500s, then accepted: the same delivery each time
        assertThat(started)
                .extracting(Subscriber.Received::delivery)
                .containsOnly(started.getFirst().delivery());
        assertThat(started)
                .extracting(Subscriber.Received::body)
                .containsOnly(started.getFirst().body());

        var finished = accepted.get(1);
        var verifier = new NotificationVerifier(secret, Clock.systemUTC());
        var verified = verifier.verify(finished.headers(), finished.body().getBytes(StandardCharsets.UTF_8));
        assertThat(verified.deliveryId().toString()).isEqualTo(finished.delivery());
        assertThat(verified.finished().finalMessage()).isEqualTo("Fixed the **flaky** date test.");
        assertThatThrownBy(() -> new NotificationVerifier("whsec_not-the-secret", Clock.systemUTC())
                        .verify(finished.headers(), finished.body().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidNotification.class);
        assertThatThrownBy(() -> verifier.verify(
                        finished.headers(),
                        finished.body().replace("flaky", "fine").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidNotification.class);
        var body = finished.json();
        assertThat(body.get("deliveryId").asString()).isEqualTo(finished.delivery());
        assertThat(body.at("/session/externalKey").asString()).isEqualTo(sessionKey(session));
        assertThat(body.at("/session/botData/statusTs").asString()).isEqualTo("1.000");
        assertThat(body.at("/session/webUrl").asString()).isEqualTo("https://codinspect.acme.com/sessions/" + session);
        assertThat(body.at("/prompt/source").asString()).isEqualTo("slack");
        assertThat(body.at("/prompt/authorId").asString()).isEqualTo(ada);
        assertThat(body.at("/prompt/botData/messageTs").asString()).isEqualTo("2.000");
        assertThat(body.at("/finished/outcome").asString()).isEqualTo("completed");
        assertThat(body.at("/finished/finalMessage").asString()).isEqualTo("Fixed the **flaky** date test.");
        assertThat(body.at("/finished/filesChanged").toString()).isEqualTo("[\"src/Dates.java\"]");
        assertThat(body.at("/finished/commits/0/sha").asString()).isEqualTo("abc123");
        assertThat(body.at("/finished/durationMs").isNumber()).isTrue();
        assertThat(body.at("/finished/webUrl").asString()).endsWith("/sessions/" + session);
    }

    @Test
    void subscribingAgainMakesTheWaitingDeliveriesDueWithinTwoSecondsInsteadOfAfterTheirBackoff() throws Exception {
        var key = "slack:T1/C4/" + UUID.randomUUID();
        subscriber.failNext(key, 1_000); // the bot is down
        var session = botSession(person("eli"), key);
        var sandbox = sandboxOf(session);
        sandbox.emit(
                new PromptCompleted(sandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriber.received(session).size() >= 5);
        assertThat(Duration.between(Instant.now(), nextStartedAttempt(session)))
                .as("five failures in, the backoff is 3.2 s and growing")
                .isGreaterThan(Duration.ofMillis(2500));
        subscriber.failNext(key, 0); // the bot is back, and subscribes as it starts

        var again = slack.post(
                "/api/bot/subscriptions",
                Map.of("url", subscriber.url().toString(), "kinds", List.of("prompt.started", "prompt.finished")));

        assertThat(again.status()).isEqualTo(201);
        assertThat(nextStartedAttempt(session)).isBefore(Instant.now().plusMillis(2100));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kinds(subscriber.accepted(session)).contains("prompt.finished"));
        assertThat(kinds(subscriber.accepted(session))).containsExactly("prompt.started", "prompt.finished");
    }

    /** When this test's subscription is next sent the session's prompt.started (not yet delivered). */
    private Instant nextStartedAttempt(UUID session) {
        return controlPlane
                .bean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject(
                        "select next_attempt_at from notification_outbox where session_id = ? and subscription_id = ?"
                                + " and kind = 'prompt.started' and delivered_at is null and dropped_at is null",
                        java.sql.Timestamp.class,
                        session,
                        UUID.fromString(subscriptionId))
                .toInstant();
    }

    @Test
    void sessionsABotDidNotCreateAreNotSentToIt() throws Exception {
        var bob = controlPlane.newUser(
                "Bob", "bob-" + UUID.randomUUID().toString().substring(0, 8));
        var session = UUID.fromString(bob.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
        bob.post("/api/sessions/" + session + "/prompts", Map.of("content", "go"));
        var sandbox = sandboxOf(session);
        var prompt = sandbox.awaitPrompt(10, TimeUnit.SECONDS);
        sandbox.emit(new PromptCompleted(prompt.promptId()));
        var mine = botSession(person("cy"), "slack:T1/C2/" + UUID.randomUUID());
        var mySandbox = sandboxOf(mine);
        mySandbox.emit(
                new PromptCompleted(mySandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId()));

        await().until(() -> kinds(subscriber.accepted(mine)).contains("prompt.finished"));
        assertThat(subscriber.received())
                .extracting(r -> r.json().at("/session/id").asString())
                .contains(mine.toString())
                .doesNotContain(session.toString());
    }

    @Test
    void progressIsCoalescedToOnePerIntervalWithTheNewestStep() throws Exception {
        var session = botSession(person("dee"), "slack:T1/C3/" + UUID.randomUUID());
        var sandbox = sandboxOf(session);
        var promptId = sandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId();
        var began = Instant.now();

        for (int i = 0; i < 30; i++) {
            sandbox.emit(new ToolCall(
                    promptId,
                    "b" + i,
                    "bash",
                    ToolStatus.running,
                    tools.jackson.databind.node.JsonNodeFactory.instance
                            .objectNode()
                            .put("command", "mvn test -Dn=" + i),
                    null,
                    false,
                    null,
                    null));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> progress(session).stream().anyMatch(step -> step.equals("Running `mvn test -Dn=29`")));
        var windows = Duration.between(began, Instant.now()).toMillis() / 3000 + 1;

        assertThat(progress(session)).first().asString().startsWith("Running `mvn test -Dn=");
        assertThat((long) progress(session).size()).isLessThanOrEqualTo(windows);
        sandbox.emit(new PromptCompleted(promptId));
    }

    private List<String> progress(UUID session) {
        return subscriber.received(session).stream()
                .map(Subscriber.Received::json)
                .filter(json -> json.get("kind").asString().equals("prompt.progress"))
                .map(json -> json.at("/progress/step").asString())
                .toList();
    }

    private static List<String> kinds(List<Subscriber.Received> received) {
        return received.stream().map(r -> r.json().get("kind").asString()).toList();
    }

    private String person(String name) {
        var unique = name + "-" + UUID.randomUUID();
        return slack.post(
                        "/api/bot/identities/resolve",
                        Map.of(
                                "externalId",
                                "T1/" + unique,
                                "email",
                                unique + "@acme.com",
                                "emailVerified",
                                true,
                                "name",
                                name))
                .text("userId");
    }

    private UUID botSession(String userId, String key) {
        var answer = slack.onBehalfOf(userId)
                .post(
                        "/api/sessions",
                        Map.of(
                                "repository",
                                "https://example.com/r.git",
                                "externalKey",
                                key,
                                "botData",
                                Map.of("statusTs", "1.000"),
                                "prompt",
                                Map.of(
                                        "content",
                                        "fix the flaky date test",
                                        "clientRequestId",
                                        key + "/m",
                                        "botData",
                                        Map.of("messageTs", "2.000"))));
        assertThat(answer.status()).isEqualTo(201);
        var id = UUID.fromString(answer.text("id"));
        keys.put(id, key);
        return id;
    }

    private final Map<UUID, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

    private String sessionKey(UUID session) {
        return keys.get(session);
    }

    private static SimulatedSandbox sandboxOf(UUID session) {
        await().until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        return controlPlane.sandboxes().of(session).getFirst();
    }

    private static String idOf(JsonNode list, String url) {
        for (var item : list) {
            if (item.get("url").asString().equals(url)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("no subscription of " + url + " in " + list);
    }
}
