package io.codinspect.testkit.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.view.Views;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real Bolt for Java 1.46.0 app against the fake: it verifies the fake's signatures and calls its Web API. */
class FakeSlackBoltTest {

    private final FakeSlack fake = FakeSlack.start();
    private final Slack client = Slack.getInstance(FakeSlackWebApiTest.config(fake));
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final BoltServer bolt = BoltServer.start(app());
    private final SlackDeliveries slack = fake.sendTo(bolt.uri());
    private final SlackUser ada = fake.addUser("U0ADA", "ada", "ada@acme.com");
    private final String general = fake.addChannel("general");

    @AfterEach
    void stop() throws Exception {
        bolt.close();
        client.close();
        fake.close();
    }

    private App app() {
        var app = new App(AppConfig.builder()
                .singleTeamBotToken(fake.botToken())
                .signingSecret(fake.signingSecret())
                .slack(client)
                .build());
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            var event = payload.getEvent();
            seen.add("mention retry=" + ctx.getRetryNum());
            ctx.client()
                    .reactionsAdd(r -> r.channel(event.getChannel())
                            .timestamp(event.getTs())
                            .name("eyes"));
            ctx.client()
                    .chatPostMessage(r -> r.channel(event.getChannel())
                            .threadTs(event.getTs())
                            .text("On it")
                            .blocks(List.of(actions(a -> a.elements(List.of(button(b ->
                                    b.actionId("stop").text(plainText("Stop")).value("p1"))))))));
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
        app.blockAction("stop", (req, ctx) -> {
            var payload = req.getPayload();
            ctx.client()
                    .chatUpdate(r -> r.channel(payload.getChannel().getId())
                            .ts(payload.getMessage().getTs())
                            .text("Stopped by " + payload.getUser().getId()));
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            ctx.client()
                    .viewsPublish(r -> r.userId(payload.getEvent().getUser())
                            .view(Views.view(v -> v.type("home")
                                    .blocks(List.of(
                                            section(s -> s.blockId("prefs")
                                                    .text(markdownText("*Model*"))
                                                    .accessory(staticSelect(e -> e.actionId("model")
                                                            .options(List.of(
                                                                    option(plainText("GPT-5"), "gpt-5"),
                                                                    option(plainText("Claude"), "claude")))))),
                                            actions(a -> a.blockId("repos")
                                                    .elements(List.of(externalSelect(e -> e.actionId("repo")
                                                            .placeholder(plainText("Repository")))))))))));
            return ctx.ack();
        });
        app.blockAction("model", (req, ctx) -> {
            seen.add("model="
                    + req.getPayload()
                            .getActions()
                            .getFirst()
                            .getSelectedOption()
                            .getValue()
                    + " state="
                    + req.getPayload()
                            .getView()
                            .getState()
                            .getValues()
                            .get("prefs")
                            .get("model")
                            .getSelectedOption()
                            .getValue());
            return ctx.ack();
        });
        app.blockSuggestion("repo", (req, ctx) -> {
            var name = "acme/" + req.getPayload().getValue();
            return ctx.ack(r -> r.options(List.of(new Option(plainText(name), name))));
        });
        return app;
    }

    @Test
    void boltAcceptsTheFakesRequestsAndItsWebApiAnswers() {
        var verification = slack.urlVerification();
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body())
                .isEqualTo(verification.sentJson().path("challenge").asString());

        var mention = slack.mention(ada, general, "fix the flaky test");
        assertThat(mention.status()).isEqualTo(200);
        assertThat(mention.elapsed()).isLessThan(Duration.ofSeconds(3));
        var ts = mention.sentJson().path("event").path("ts").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.reactions(general, ts).contains("eyes"));
        var status = fake.botReplies(general, ts).getFirst();

        assertThat(slack.click(ada, general, status.ts(), "stop", null).status())
                .isEqualTo(200);
        assertThat(fake.message(general, status.ts()).orElseThrow().text()).isEqualTo("Stopped by " + ada.id());

        assertThat(slack.retry(mention, 1).status()).isEqualTo(200);
        assertThat(seen).containsExactly("mention retry=null", "mention retry=1");
    }

    @Test
    void boltRefusesBadSignaturesAndStaleTimestamps() {
        assertThat(slack.badSignature().mention(ada, general, "one").status()).isEqualTo(401);
        assertThat(slack.staleTimestamp().mention(ada, general, "two").status()).isEqualTo(401);
        assertThat(seen).isEmpty();
        assertThat(fake.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void boltPublishesTheHomeAndReadsChoicesAndSuggestionsFromIt() {
        assertThat(slack.openHome(ada).status()).isEqualTo(200);
        assertThat(fake.homeView(ada.id())).isPresent();

        assertThat(slack.clickInHome(ada, "model", "claude").status()).isEqualTo(200);
        var suggestion = slack.suggestInHome(ada, "repo", "api");

        assertThat(seen).containsExactly("model=claude state=claude");
        assertThat(suggestion.status()).isEqualTo(200);
        assertThat(suggestion.json().path("options").get(0).path("value").asString())
                .isEqualTo("acme/api");
    }
}
