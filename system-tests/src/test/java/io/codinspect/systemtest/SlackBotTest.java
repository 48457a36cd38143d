package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.Reply;
import io.codinspect.testkit.net.TcpProxy;
import io.codinspect.testkit.slack.FakeSlack;
import io.codinspect.testkit.slack.SlackDeliveries;
import io.codinspect.testkit.slack.SlackDelivery;
import io.codinspect.testkit.slack.SlackMessage;
import io.codinspect.testkit.slack.SlackUser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Slack bot end to end: the real control plane, the real Slack bot (its own process), real
 * supervisors and OpenCode, the fake LLM and the fake Slack. People are matched by the email
 * Slack vouches for; everything they start is theirs.
 */
class SlackBotTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    private static final Duration SLACK = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    private static FakeSlack slack;
    private static LocalSystem system;
    private static TcpProxy network;
    private static SlackBotProcess bot;
    private static SlackDeliveries deliver;
    private static GitRepo origin;
    private static String channel;

    @BeforeAll
    static void start() {
        slack = FakeSlack.start();
        system = LocalSystem.start(
                dir.resolve("data"),
                Map.of(
                        "codinspect.bots.enabled", "slack",
                        "codinspect.github.sign-in.allowed-email-domains", "acme.com",
                        "codinspect.notifications.first-backoff", "1s",
                        // every test starts sessions of its own; idle ones keep their sandbox
                        "codinspect.sandbox.max-active", "12"));
        origin = GitRepo.create(dir.resolve("origin"));
        network = TcpProxy.to(system.base().getPort());
        bot = SlackBotProcess.start(
                slack,
                URI.create("http://127.0.0.1:" + network.port()),
                dir.resolve("data/bots/slack.token"),
                Path.of("target", "slack-bot.log"),
                Map.of("CODINSPECT_SLACK_DEFAULT_REPOSITORY", origin.dir().toString()));
        deliver = slack.sendTo(bot.eventsUrl());
        channel = slack.addChannel("dev");
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (network != null) {
            network.close();
        }
        if (system != null) {
            system.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void aMentionStartsASessionForItsAuthorWhoseCommitTheThreadReportsWithTheAnswerAndButtons() {
        system.llm()
                .script(
                        "fix-date",
                        Reply.tool("write", Map.of("filePath", "DateTest.java", "content", "class DateTest {}\n")),
                        Reply.text("I fixed the **flaky** date test."));
        var ada = slack.addUser("U0ADA", "Ada Lovelace", "ada@acme.com");

        var mention = deliver.mention(ada, channel, "Please fix-date");

        assertThat(mention.acked()).as("%s", mention).isTrue();
        assertThat(mention.elapsed()).isLessThan(SLACK);
        var ts = tsOf(mention);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slack.reactions(channel, ts).contains("eyes"));
        var reply = awaitFinalReply(ts, "I fixed the *flaky* date test.");
        assertThat(slack.reactions(channel, ts)).contains("white_check_mark");
        var session = sessionOf(channel, ts).orElseThrow();
        assertThat(reply.visibleText()).contains(session.path("branch").asString());
        assertThat(buttons(reply)).contains("View session", "Create PR");
        assertThat(origin.commitsSinceMain(session.path("branch").asString()))
                .containsExactly("Ada Lovelace|ada@acme.com|Please fix-date");
        var prompt = prompts(session.path("id").asString()).get(0);
        assertThat(prompt.path("source").asString()).isEqualTo("slack");
        assertThat(prompt.path("sourceUrl").asString()).startsWith("https://");
        assertThat(prompt.path("author").path("email").asString()).isEqualTo("ada@acme.com");
        assertThat(slack.calls("chat.update"))
                .as("progress on the status message")
                .isNotEmpty();
    }

    @Test
    void aThreadReplyIsAFollowUpAttributedToWhoeverWroteItAndADmStartsItsOwnSession() {
        system.llm()
                .script(
                        "start-work",
                        Reply.tool("write", Map.of("filePath", "a.txt", "content", "a\n")),
                        Reply.text("Started."));
        system.llm()
                .script(
                        "more-work",
                        Reply.tool("write", Map.of("filePath", "b.txt", "content", "b\n")),
                        Reply.text("Added more."));
        system.llm().script("private-work", Reply.text("Done privately."));
        var grace = slack.addUser("U0GRACE", "Grace Hopper", "grace@acme.com");
        var linus = slack.addUser("U0LINUS", "Linus Torvalds", "linus@acme.com");

        var ts = tsOf(deliver.mention(grace, channel, "Please start-work"));
        awaitFinalReply(ts, "Started.");
        deliver.reply(linus, channel, ts, "Please more-work");
        awaitFinalReply(ts, "Added more.");
        var dm = deliver.dm(grace, "Please private-work");
        var dmChannel = dm.sentJson().path("event").path("channel").asString();
        var dmTs = tsOf(dm);

        var session = sessionOf(channel, ts).orElseThrow();
        assertThat(origin.commitsSinceMain(session.path("branch").asString()))
                .as("newest first")
                .containsExactly(
                        "Linus Torvalds|linus@acme.com|Please more-work",
                        "Grace Hopper|grace@acme.com|Please start-work");
        await().atMost(TURN)
                .until(() -> slack.botReplies(dmChannel, dmTs).stream()
                        .anyMatch(m -> m.visibleText().contains("Done privately.")));
        assertThat(sessionOf(dmChannel, dmTs).orElseThrow().path("id").asString())
                .isNotEqualTo(session.path("id").asString());
    }

    @Test
    void badSignaturesAndStaleRequestsAreRefusedAndRetriedDeliveriesMakeOnePrompt() {
        system.llm().script("count-once", Reply.text("Counted."));
        var joan = slack.addUser("U0JOAN", "Joan Clarke", "joan@acme.com");

        var forged = deliver.badSignature().mention(joan, channel, "Please count-once");
        var stale = deliver.staleTimestamp().mention(joan, channel, "Please count-once");
        var first = deliver.mention(joan, channel, "Please count-once");
        var retries = List.of(deliver.retry(first, 1), deliver.retry(first, 2), deliver.retry(first, 3));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(retries).allSatisfy(r -> assertThat(r.acked()).isTrue());
        awaitFinalReply(tsOf(first), "Counted.");
        var session = sessionOf(channel, tsOf(first)).orElseThrow();
        assertThat(prompts(session.path("id").asString()).size()).isEqualTo(1);
        assertThat(sessionOf(channel, tsOf(forged))).isEmpty();
        assertThat(sessionOf(channel, tsOf(stale))).isEmpty();
    }

    @Test
    void peopleOutsideTheAdmissionRulesAreToldWhyAndNothingIsCreated() {
        var eve = slack.addUser("U0EVE", "Eve", "eve@evil.example");
        var guest =
                slack.addUser(SlackUser.person("U0GUEST", "Gus", "gus@acme.com").asGuest());

        var outsider = deliver.mention(eve, channel, "Please do things");
        var visitor = deliver.mention(guest, channel, "Please do things");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !slack.ephemerals("U0EVE").isEmpty()
                        && !slack.ephemerals("U0GUEST").isEmpty());
        assertThat(slack.ephemerals("U0EVE").getFirst().visibleText()).contains("not allowed");
        assertThat(slack.ephemerals("U0GUEST").getFirst().visibleText()).contains("Guests");
        assertThat(sessionOf(channel, tsOf(outsider))).isEmpty();
        assertThat(sessionOf(channel, tsOf(visitor))).isEmpty();
    }

    @Test
    void theStopButtonStopsThePromptForWhoeverClicksIt() {
        system.llm().script("stay-slow", Reply.slow("Working on it", Duration.ofMinutes(2), "."));
        var alan = slack.addUser("U0ALAN", "Alan Turing", "alan@acme.com");

        var ts = tsOf(deliver.mention(alan, channel, "Please stay-slow"));
        var status = await().atMost(TURN)
                .until(
                        () -> slack.botReplies(channel, ts).stream()
                                .filter(m -> buttons(m).contains("Stop"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        var click = deliver.click(alan, channel, status.ts(), actionOf(status, "Stop"), valueOf(status, "Stop"));

        assertThat(click.acked()).as("%s", click).isTrue();
        assertThat(click.elapsed()).isLessThan(SLACK);
        var session = sessionOf(channel, ts).orElseThrow().path("id").asString();
        await().atMost(TURN)
                .until(() -> "cancelled"
                        .equals(prompts(session).get(0).path("status").asString()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.reactions(channel, ts).contains("x"));
    }

    @Test
    void aFinalReplyStillArrivesWhenTheBotRestartedWhileThePromptRan() {
        system.llm()
                .script(
                        "long-story",
                        Reply.stream(
                                Chunk.text("Once upon a time"),
                                new Chunk.Pause(Duration.ofSeconds(6)),
                                Chunk.text(", the end.")));
        var mary = slack.addUser("U0MARY", "Mary Somerville", "mary@acme.com");

        var ts = tsOf(deliver.mention(mary, channel, "Please long-story"));
        await().atMost(TURN)
                .until(() -> sessionOf(channel, ts)
                        .map(s -> "running".equals(s.path("status").asString()))
                        .orElse(false));
        bot.kill();
        var session = sessionOf(channel, ts).orElseThrow().path("id").asString();
        await().atMost(TURN)
                .until(() -> "completed"
                        .equals(prompts(session).get(0).path("status").asString()));
        bot.start();

        awaitFinalReply(ts, "Once upon a time, the end.");
        assertThat(slack.botReplies(channel, ts).stream()
                        .filter(m -> m.visibleText().contains("the end.")))
                .as("one final reply")
                .hasSize(1);
    }

    @Test
    void aMentionWhileTheControlPlaneIsDownFor30SecondsBecomesExactlyOnePromptOnceItIsBack() {
        system.llm().script("after-outage", Reply.text("Back and done."));
        var ken = slack.addUser("U0KEN", "Ken Thompson", "ken@acme.com");
        network.cut();
        var down = Instant.now();

        SlackDelivery mention;
        try {
            mention = deliver.mention(ken, channel, "Please after-outage");
            assertThat(mention.acked()).as("%s", mention).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.botReplies(channel, tsOf(mention)).stream()
                            .anyMatch(m -> m.visibleText().toLowerCase().contains("reach")));
            var retry = deliver.retry(mention, 1);
            assertThat(retry.acked()).isTrue();
            await().pollDelay(Duration.between(Instant.now(), down.plusSeconds(30))
                            .abs())
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> true);
        } finally {
            network.restore();
        }

        awaitFinalReply(tsOf(mention), "Back and done.");
        var session = sessionOf(channel, tsOf(mention)).orElseThrow().path("id").asString();
        assertThat(prompts(session).size()).isEqualTo(1);
    }

    @Test
    void aNotificationNotSignedWithTheSubscriptionsSecretIsRefused() throws Exception {
        var body = "{\"deliveryId\":\"00000000-0000-0000-0000-000000000001\",\"kind\":\"prompt.finished\"}";
        var request = java.net.http.HttpRequest.newBuilder(bot.url("/codinspect/notifications"))
                .header("Content-Type", "application/json")
                .header("CodInspect-Delivery", "00000000-0000-0000-0000-000000000001")
                .header("CodInspect-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("CodInspect-Signature", "v1=" + "0".repeat(64))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();

        var answer = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    private static SlackMessage awaitFinalReply(String ts, String text) {
        return await().atMost(TURN)
                .until(
                        () -> slack.botReplies(channel, ts).stream()
                                .filter(m -> m.visibleText().contains(text))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The session's prompts, oldest first, as the admin sees them. */
    private static JsonNode prompts(String sessionId) {
        return system.admin().get("/api/sessions/" + sessionId + "/prompts").json();
    }

    private static Optional<JsonNode> sessionOf(String channel, String ts) {
        var key = "slack:" + slack.teamId() + "/" + channel + "/" + ts;
        var found = system.admin()
                .get("/api/sessions/lookup?externalKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return found.status() == 200 ? Optional.of(found.json()) : Optional.empty();
    }

    private static String tsOf(SlackDelivery delivery) {
        return delivery.sentJson().path("event").path("ts").asString();
    }

    private static List<String> buttons(SlackMessage message) {
        return buttonNodes(message).stream()
                .map(b -> b.path("text").path("text").asString())
                .toList();
    }

    private static String actionOf(SlackMessage message, String label) {
        return button(message, label).path("action_id").asString();
    }

    private static String valueOf(SlackMessage message, String label) {
        return button(message, label).path("value").asString(null);
    }

    private static JsonNode button(SlackMessage message, String label) {
        return buttonNodes(message).stream()
                .filter(b -> label.equals(b.path("text").path("text").asString()))
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> buttonNodes(SlackMessage message) {
        var found = new java.util.ArrayList<JsonNode>();
        if (message.blocks() != null) {
            for (var block : message.blocks()) {
                for (var element : block.path("elements")) {
                    if ("button".equals(element.path("type").asString())) {
                        found.add(element);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aModelChosenInAppHomeIsTheModelOfThePersonsNextPrompt() {
        system.llm().script("pick-model", Reply.text("Answered with my model."));
        var hedy = slack.addUser("U0HEDY", "Hedy Lamarr", "hedy@acme.com");

        assertThat(deliver.openHome(hedy).acked()).isTrue();
        var home = await().atMost(Duration.ofSeconds(15))
                .until(() -> slack.homeView("U0HEDY"), Optional::isPresent)
                .orElseThrow();
        var select = modelSelect(home.blocks()).orElseThrow(() -> new AssertionError("no model picker in " + home));
        var chosen = deliver.clickInHome(hedy, select.path("action_id").asString(), "fake/m2");
        assertThat(chosen.acked()).as("%s", chosen).isTrue();
        assertThat(chosen.elapsed()).isLessThan(SLACK);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> slack.homeView("U0HEDY")
                        .map(view -> view.publishes() > home.publishes())
                        .orElse(false));

        var ts = tsOf(deliver.mention(hedy, channel, "Please pick-model"));
        awaitFinalReply(ts, "Answered with my model.");
        var session = sessionOf(channel, ts).orElseThrow().path("id").asString();
        var prompt = prompts(session).get(0);
        assertThat(prompt.path("model").asString()).isEqualTo("fake/m2");
        assertThat(system.llm().turns("pick-model"))
                .isNotEmpty()
                .allSatisfy(turn -> assertThat(turn.model()).isEqualTo("m2"));
    }

    private static Optional<JsonNode> modelSelect(JsonNode blocks) {
        for (var block : blocks) {
            var elements = new java.util.ArrayList<JsonNode>();
            block.path("elements").forEach(elements::add);
            if (block.has("accessory")) {
                elements.add(block.path("accessory"));
            }
            for (var element : elements) {
                if ("static_select".equals(element.path("type").asString())
                        && element.path("options").toString().contains("fake/m2")) {
                    return Optional.of(element);
                }
            }
        }
        return Optional.empty();
    }
}
