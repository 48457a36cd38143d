package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.llm.Reply;
import io.codinspect.testkit.slack.FakeSlack;
import io.codinspect.testkit.slack.SlackDeliveries;
import io.codinspect.testkit.slack.SlackMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Slack bot with a GitHub repository: a mention naming no repository gets a searchable picker
 * of the repositories CodInspect reaches, the prompt waits until someone picks, and Create PR opens
 * the session's pull request as the person who clicks, announced in the thread.
 */
class SlackPullRequestTest {

    private static final Duration TURN = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static FakeSlack slack;
    private static LocalSystem system;
    private static SlackBotProcess bot;
    private static SlackDeliveries deliver;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(dir.resolve("github"));
        github.createRepo("acme", "widgets", true);
        github.createRepo("acme", "gadgets", true);
        slack = FakeSlack.start();
        system = LocalSystem.startWithGitHub(
                dir,
                github,
                Map.of(
                        "codinspect.bots.enabled", "slack",
                        "codinspect.github.sign-in.allowed-email-domains", "acme.com",
                        "codinspect.notifications.first-backoff", "1s"));
        bot = SlackBotProcess.start(
                slack,
                system.base(),
                dir.resolve("data/bots/slack.token"),
                Path.of("target", "slack-bot-github.log"),
                Map.of());
        deliver = slack.sendTo(bot.eventsUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {bot, system, slack, github}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRepositoryPickedInTheThreadReleasesThePromptAndCreatePrOpensThePullRequestForTheClicker() {
        system.llm()
                .script(
                        "add-notes",
                        Reply.tool("write", Map.of("filePath", "NOTES.md", "content", "notes\n")),
                        Reply.text("Added the notes."));
        var channel = slack.addChannel("widgets");
        var ada = slack.addUser("U0ADA", "Ada Lovelace", "ada@acme.com");
        var bob = slack.addUser("U0BOB", "Bob Barker", "bob@acme.com");

        var ts = deliver.mention(ada, channel, "Please add-notes")
                .sentJson()
                .path("event")
                .path("ts")
                .asString();
        var picker = await().atMost(Duration.ofSeconds(20))
                .until(() -> withElement(channel, ts, "external_select"), Optional::isPresent)
                .orElseThrow();
        assertThat(sessionOf(channel, ts).path("status").asString()).isEqualTo("awaiting_repository");
        var select = element(picker, "external_select").orElseThrow();
        var options = deliver.suggest(
                ada, channel, picker.ts(), select.path("action_id").asString(), "wid");
        assertThat(options.acked()).as("%s", options).isTrue();
        assertThat(options.json().path("options").findValuesAsString("value")).containsExactly("acme/widgets");
        var chosen = deliver.click(
                ada, channel, picker.ts(), select.path("action_id").asString(), "acme/widgets");
        assertThat(chosen.acked()).as("%s", chosen).isTrue();

        var reply = await().atMost(TURN)
                .until(() -> withText(channel, ts, "Added the notes."), Optional::isPresent)
                .orElseThrow();
        assertThat(sessionOf(channel, ts).path("repository").asString()).endsWith("acme/widgets.git");
        var createPr = element(reply, "button", "Create PR").orElseThrow();
        var click = deliver.click(
                bob,
                channel,
                reply.ts(),
                createPr.path("action_id").asString(),
                createPr.path("value").asString());
        assertThat(click.acked()).as("%s", click).isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !github.pullRequests().isEmpty());
        var pull = github.pullRequests().getFirst();
        assertThat(pull.head()).isEqualTo(sessionOf(channel, ts).path("branch").asString());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        withText(channel, ts, "Pull request #" + pull.number()).isPresent());
        assertThat(pull.body()).as("opened for the person who clicked").contains("for Bob Barker");
    }

    private static JsonNode sessionOf(String channel, String ts) {
        var key = "slack:" + slack.teamId() + "/" + channel + "/" + ts;
        return system.admin()
                .get("/api/sessions/lookup?externalKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                .json();
    }

    private static Optional<SlackMessage> withText(String channel, String ts, String text) {
        return slack.botReplies(channel, ts).stream()
                .filter(m -> m.visibleText().contains(text))
                .findFirst();
    }

    private static Optional<SlackMessage> withElement(String channel, String ts, String type) {
        return slack.botReplies(channel, ts).stream()
                .filter(m -> element(m, type).isPresent())
                .findFirst();
    }

    private static Optional<JsonNode> element(SlackMessage message, String type) {
        return elements(message).stream()
                .filter(e -> type.equals(e.path("type").asString()))
                .findFirst();
    }

    private static Optional<JsonNode> element(SlackMessage message, String type, String label) {
        return elements(message).stream()
                .filter(e -> type.equals(e.path("type").asString())
                        && label.equals(e.path("text").path("text").asString()))
                .findFirst();
    }

    private static List<JsonNode> elements(SlackMessage message) {
        var found = new ArrayList<JsonNode>();
        if (message.blocks() != null) {
            message.blocks().forEach(block -> block.path("elements").forEach(found::add));
        }
        return found;
    }
}
