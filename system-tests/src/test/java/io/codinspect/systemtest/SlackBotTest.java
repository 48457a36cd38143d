package io.codinspect.systemtest;

import static io.codinspect.systemtest.SlackMessages.button;
import static io.codinspect.systemtest.SlackMessages.buttons;
import static io.codinspect.systemtest.SlackMessages.element;
import static io.codinspect.systemtest.SlackSystem.tsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.Reply;
import io.codinspect.testkit.slack.FakeSlack;
import io.codinspect.testkit.slack.SlackDeliveries;
import io.codinspect.testkit.slack.SlackDelivery;
import io.codinspect.testkit.slack.SlackMessage;
import io.codinspect.testkit.slack.SlackUser;
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

/**
 * The Slack bot end to end: the real control plane, the real Slack bot (its own process), real
 * supervisors and OpenCode, the fake LLM, the fake Slack and the fake GitHub. People are matched by
 * the email Slack vouches for; everything they start is theirs.
 *
 * <p>One system for all tests. Each sandbox costs the 2-core machine seconds of CPU, so the tests
 * start as few sessions as they can: one prompt shows the answer, App Home's model and Slack's
 * retries at once; another both the outage and the bot's restart.
 */
class SlackBotTest {

    private static final Duration TURN = SlackSystem.TURN;
    private static final Duration SLACK = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    private static SlackSystem world;
    private static FakeSlack slack;
    private static LocalSystem system;
    private static SlackDeliveries deliver;
    private static String channel;

    @BeforeAll
    static void start() {
        world = SlackSystem.start(dir);
        slack = world.slack;
        system = world.system;
        deliver = world.deliver;
        channel = world.channel;
    }

    @AfterAll
    static void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aMentionStartsASessionForItsAuthorWithTheirModelAndTheThreadGetsTheAnswerCommitAndButtons() {
        system.llm()
                .script(
                        "fix-date",
                        Reply.tool("write", Map.of("filePath", "DateTest.java", "content", "class DateTest {}\n")),
                        // long enough for the step to be shown before the answer
                        Reply.stream(
                                new Chunk.Pause(Duration.ofSeconds(2)),
                                Chunk.text("I fixed the **flaky** date test.")));
        var ada = slack.addUser("U0ADA", "Ada Lovelace", "ada@acme.com");
        chooseModelInAppHome(ada, "fake/m2");

        var mention = deliver.mention(ada, channel, "Please fix-date");
        var retries = List.of(deliver.retry(mention, 1), deliver.retry(mention, 2), deliver.retry(mention, 3));

        assertThat(mention.acked()).as("%s", mention).isTrue();
        assertThat(mention.elapsed()).isLessThan(SLACK);
        assertThat(retries).allSatisfy(r -> assertThat(r.acked()).isTrue());
        var ts = tsOf(mention);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slack.reactions(channel, ts).contains("eyes"));
        var reply = world.awaitReply(channel, ts, "I fixed the *flaky* date test.");
        assertThat(slack.reactions(channel, ts)).contains("white_check_mark");
        var session = world.sessionOf(channel, ts).orElseThrow();
        assertThat(reply.visibleText()).contains(session.path("branch").asString());
        assertThat(buttons(reply)).contains("View session", "Create PR");
        assertThat(world.origin.commitsSinceMain(session.path("branch").asString()))
                .containsExactly("Ada Lovelace|ada@acme.com|Please fix-date");
        var prompts = world.prompts(session.path("id").asString());
        assertThat(prompts).as("Slack's retries make no second prompt").hasSize(1);
        var prompt = prompts.get(0);
        assertThat(prompt.path("source").asString()).isEqualTo("slack");
        assertThat(prompt.path("sourceUrl").asString()).startsWith("https://");
        assertThat(prompt.path("author").path("email").asString()).isEqualTo("ada@acme.com");
        assertThat(prompt.path("model").asString()).as("chosen in App Home").isEqualTo("fake/m2");
        assertThat(system.llm().turns("fix-date"))
                .isNotEmpty()
                .allSatisfy(turn -> assertThat(turn.model()).isEqualTo("m2"));
        var mine = slack.botReplies(channel, ts).stream().map(SlackMessage::ts).toList();
        assertThat(slack.calls("chat.update"))
                .filteredOn(call -> mine.contains(call.param("ts")))
                .extracting(call -> call.param("text"))
                .as("the agent's step on the status message")
                .anyMatch(text -> text.contains("DateTest.java"));
    }

    @Test
    void badSignaturesAndStaleTimestampsAreRefusedAndNothingIsCreated() throws Exception {
        var joan = slack.addUser("U0JOAN", "Joan Clarke", "joan@acme.com");

        var forged = deliver.badSignature().mention(joan, channel, "Please count-once");
        var stale = deliver.staleTimestamp().mention(joan, channel, "Please count-once");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(world.forgedNotification())
                .as("a notification not signed with the subscription's secret")
                .isEqualTo(401);
        assertThat(world.sessionOf(channel, tsOf(forged))).isEmpty();
        assertThat(world.sessionOf(channel, tsOf(stale))).isEmpty();
        assertThat(slack.ephemerals("U0JOAN")).isEmpty();
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
        // a DM names its repository (no channel gives one), and runs beside the thread
        var dm = deliver.dm(grace, "Please private-work in " + world.origin.dir());
        world.awaitReply(channel, ts, "Started.");
        deliver.reply(linus, channel, ts, "Please more-work");
        world.awaitReply(channel, ts, "Added more.");
        var dmChannel = dm.sentJson().path("event").path("channel").asString();
        world.awaitReply(dmChannel, tsOf(dm), "Done privately.");

        var session = world.sessionOf(channel, ts).orElseThrow();
        assertThat(world.origin.commitsSinceMain(session.path("branch").asString()))
                .as("newest first")
                .containsExactly(
                        "Linus Torvalds|linus@acme.com|Please more-work",
                        "Grace Hopper|grace@acme.com|Please start-work");
        assertThat(world.prompts(session.path("id").asString())).hasSize(2);
        assertThat(world.sessionOf(dmChannel, tsOf(dm)).orElseThrow().path("id").asString())
                .isNotEqualTo(session.path("id").asString());
    }

    @Test
    void peopleOutsideTheAdmissionRulesAreToldWhyAndNothingIsCreated() {
        var eve = slack.addUser("U0EVE", "Eve", "eve@evil.example");
        var guest =
                slack.addUser(SlackUser.person("U0GUEST", "Gus", "gus@acme.com").asGuest());

        var outsider = deliver.mention(eve, channel, "Please do things");
        var visitor = deliver.mention(guest, channel, "Please do things");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !slack.ephemerals("U0EVE").isEmpty()
                        && !slack.ephemerals("U0GUEST").isEmpty());
        assertThat(slack.ephemerals("U0EVE").getFirst().visibleText()).contains("not allowed");
        assertThat(slack.ephemerals("U0GUEST").getFirst().visibleText()).contains("Guests");
        assertThat(world.sessionOf(channel, tsOf(outsider))).isEmpty();
        assertThat(world.sessionOf(channel, tsOf(visitor))).isEmpty();
    }

    @Test
    void theStopButtonStopsThePromptForWhoeverClicksIt() {
        system.llm().script("stay-slow", Reply.slow("Working on it", Duration.ofMinutes(2), "."));
        var alan = slack.addUser("U0ALAN", "Alan Turing", "alan@acme.com");

        var ts = tsOf(deliver.mention(alan, channel, "Please stay-slow"));
        var status = world.awaitMessage(channel, ts, m -> buttons(m).contains("Stop"));
        var stop = button(status, "Stop");
        var click = deliver.click(
                alan,
                channel,
                status.ts(),
                stop.path("action_id").asString(),
                stop.path("value").asString());

        assertThat(click.acked()).as("%s", click).isTrue();
        assertThat(click.elapsed()).isLessThan(SLACK);
        var session = world.sessionOf(channel, ts).orElseThrow().path("id").asString();
        await().atMost(TURN)
                .until(() -> "cancelled"
                        .equals(world.prompts(session).get(0).path("status").asString()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.reactions(channel, ts).contains("x"));
    }

    @Test
    void aRepositoryPickedInTheThreadReleasesThePromptAndCreatePrOpensThePullRequestForTheClicker() {
        system.llm()
                .script(
                        "add-notes",
                        Reply.tool("write", Map.of("filePath", "NOTES.md", "content", "notes\n")),
                        Reply.text("Added the notes."));
        var widgets = slack.addChannel("widgets");
        var pia = slack.addUser("U0PIA", "Pia Pick", "pia@acme.com");
        var bob = slack.addUser("U0BOB", "Bob Barker", "bob@acme.com");

        var ts = tsOf(deliver.mention(pia, widgets, "Please add-notes"));
        var picker = world.awaitMessage(
                widgets, ts, m -> element(m, "external_select").isPresent());
        assertThat(world.sessionOf(widgets, ts).orElseThrow().path("status").asString())
                .isEqualTo("awaiting_repository");
        var select = element(picker, "external_select")
                .orElseThrow()
                .path("action_id")
                .asString();
        // Slack asks at each keystroke and waits 3 s; a first answer may come before the list does
        var options = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> deliver.suggest(pia, widgets, picker.ts(), select, "wid"),
                        o -> o.acked() && !o.json().path("options").isEmpty());
        assertThat(options.elapsed()).isLessThan(SLACK);
        assertThat(options.json().path("options").findValuesAsString("value")).containsExactly("acme/widgets");
        var chosen = deliver.click(pia, widgets, picker.ts(), select, "acme/widgets");
        assertThat(chosen.acked()).as("%s", chosen).isTrue();

        var reply = world.awaitReply(widgets, ts, "Added the notes.");
        assertThat(world.sessionOf(widgets, ts).orElseThrow().path("repository").asString())
                .endsWith("acme/widgets.git");
        var createPr = button(reply, "Create PR");
        var click = deliver.click(
                bob,
                widgets,
                reply.ts(),
                createPr.path("action_id").asString(),
                createPr.path("value").asString());
        assertThat(click.acked()).as("%s", click).isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !world.github.pullRequests().isEmpty());
        var pull = world.github.pullRequests().getFirst();
        assertThat(pull.head())
                .isEqualTo(world.sessionOf(widgets, ts)
                        .orElseThrow()
                        .path("branch")
                        .asString());
        world.awaitReply(widgets, ts, "Pull request #" + pull.number());
        assertThat(pull.body()).as("opened for the person who clicked").contains("for Bob Barker");
    }

    /**
     * Both of acceptance 5 on one prompt (one sandbox fewer): the mention arrives while the control
     * plane is unreachable for 30 s and becomes exactly one prompt once it is back; the bot is then
     * killed while that prompt runs and started after it finished, and the final reply still comes
     * (the control plane's outbox kept the notification).
     */
    @Test
    void aMentionDuringA30SecondOutageBecomesOnePromptWhoseReplyArrivesThoughTheBotRestartedWhileItRan() {
        system.llm()
                .script(
                        "after-outage",
                        Reply.stream(
                                Chunk.text("Back"), new Chunk.Pause(Duration.ofSeconds(6)), Chunk.text(" and done.")));
        var ken = slack.addUser("U0KEN", "Ken Thompson", "ken@acme.com");
        world.network.cut();
        var down = Instant.now();

        SlackDelivery mention;
        try {
            mention = deliver.mention(ken, channel, "Please after-outage");
            assertThat(mention.acked()).as("%s", mention).isTrue();
            world.awaitMessage(
                    channel, tsOf(mention), m -> m.visibleText().toLowerCase().contains("reach"));
            var retry = deliver.retry(mention, 1);
            assertThat(retry.acked()).isTrue();
            // the outage lasts 30 s, and the bot keeps trying through it
            var tries = world.network.accepted();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Instant.now().isAfter(down.plusSeconds(30)) && world.network.accepted() > tries);
        } finally {
            world.network.restore();
        }

        var ts = tsOf(mention);
        await().atMost(TURN)
                .until(() -> world.sessionOf(channel, ts)
                        .map(s -> "running".equals(s.path("status").asString()))
                        .orElse(false));
        world.bot.kill();
        var session = world.sessionOf(channel, ts).orElseThrow().path("id").asString();
        assertThat(world.prompts(session))
                .as("exactly one prompt, still running when the bot went down")
                .extracting(p -> p.path("status").asString())
                .containsExactly("running");
        await().atMost(TURN)
                .until(() -> "completed"
                        .equals(world.prompts(session).get(0).path("status").asString()));
        world.bot.start();

        world.awaitReply(channel, ts, "Back and done.");
        assertThat(slack.botReplies(channel, ts).stream()
                        .filter(m -> m.visibleText().contains("and done.")))
                .as("one final reply")
                .hasSize(1);
        assertThat(world.prompts(session)).hasSize(1);
    }

    /** The person opens App Home and picks {@code model}; returns once Home shows the choice. */
    private static void chooseModelInAppHome(SlackUser person, String model) {
        assertThat(deliver.openHome(person).acked()).isTrue();
        var home = await().atMost(Duration.ofSeconds(15))
                .until(() -> slack.homeView(person.id()), Optional::isPresent)
                .orElseThrow();
        var select = SlackMessages.elements(home.blocks()).stream()
                .filter(e -> "static_select".equals(e.path("type").asString())
                        && e.path("options").toString().contains(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no model picker in " + home));
        var chosen = deliver.clickInHome(person, select.path("action_id").asString(), model);
        assertThat(chosen.acked()).as("%s", chosen).isTrue();
        assertThat(chosen.elapsed()).isLessThan(SLACK);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> slack.homeView(person.id())
                        .map(view -> view.publishes() > home.publishes())
                        .orElse(false));
    }
}
