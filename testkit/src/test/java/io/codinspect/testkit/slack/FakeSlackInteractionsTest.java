package io.codinspect.testkit.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.externalSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.Views;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Clicks and suggestions, from a message and from the Home view, as form-encoded signed payloads. */
class FakeSlackInteractionsTest {

    private final FakeSlack fake = FakeSlack.start();
    private final Slack client = Slack.getInstance(FakeSlackWebApiTest.config(fake));
    private final BotReceiver bot = BotReceiver.start();
    private final SlackDeliveries slack = fake.sendTo(bot.uri());
    private final SlackUser ada = fake.addUser("U0ADA", "ada", "ada@acme.com");
    private final String general = fake.addChannel("general");

    @AfterEach
    void stop() throws Exception {
        client.close();
        bot.close();
        fake.close();
    }

    @Test
    void aClickOnAMessageButtonSendsBlockActionsWithTheMessage() throws Exception {
        var blocks = List.<LayoutBlock>of(
                section(s -> s.text(markdownText("Working…"))),
                actions(a -> a.blockId("controls")
                        .elements(List.of(button(
                                b -> b.actionId("stop").text(plainText("Stop")).value("prompt-7"))))));
        var ts = client.methods(fake.botToken())
                .chatPostMessage(r -> r.channel(general).text("status").blocks(blocks))
                .getTs();

        var delivery = slack.click(ada, general, ts, "stop", null);

        var received = bot.received().getFirst();
        assertThat(received.verified()).isTrue();
        assertThat(received.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(received.body()).startsWith("payload=");
        var payload = delivery.sentJson();
        assertThat(payload.path("type").asString()).isEqualTo("block_actions");
        assertThat(payload.path("user").path("id").asString()).isEqualTo(ada.id());
        assertThat(payload.path("container").path("type").asString()).isEqualTo("message");
        assertThat(payload.path("container").path("message_ts").asString()).isEqualTo(ts);
        assertThat(payload.path("channel").path("id").asString()).isEqualTo(general);
        assertThat(payload.path("message").path("ts").asString()).isEqualTo(ts);
        assertThat(payload.path("message").path("blocks")).hasSize(2);
        assertThat(payload.path("response_url").asString()).startsWith("http://127.0.0.1:");
        assertThat(payload.path("trigger_id").asString()).isNotBlank();
        var action = payload.path("actions").get(0);
        assertThat(action.path("action_id").asString()).isEqualTo("stop");
        assertThat(action.path("block_id").asString()).isEqualTo("controls");
        assertThat(action.path("value").asString()).isEqualTo("prompt-7");
        assertThat(action.path("type").asString()).isEqualTo("button");
        assertThatThrownBy(() -> slack.click(ada, general, ts, "no-such-button", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRepositoryPickerInAThreadSuggestsAndThenReportsTheChoice() throws Exception {
        var root = client.methods(fake.botToken())
                .chatPostMessage(r -> r.channel(general).text("root"))
                .getTs();
        var picker = List.<LayoutBlock>of(actions(a -> a.blockId("pick")
                .elements(List.of(externalSelect(e ->
                        e.actionId("repo").placeholder(plainText("Repository")).minQueryLength(1))))));
        var ts = client.methods(fake.botToken())
                .chatPostMessage(r -> r.channel(general)
                        .threadTs(root)
                        .text("Which repository?")
                        .blocks(picker))
                .getTs();

        var suggestion = slack.suggest(ada, general, ts, "repo", "ap").sentJson();
        var choice = slack.click(ada, general, ts, "repo", "acme/api").sentJson();

        assertThat(suggestion.path("type").asString()).isEqualTo("block_suggestion");
        assertThat(suggestion.path("value").asString()).isEqualTo("ap");
        assertThat(suggestion.path("container").path("thread_ts").asString()).isEqualTo(root);
        assertThat(suggestion.path("message").path("ts").asString()).isEqualTo(ts);
        var action = choice.path("actions").get(0);
        assertThat(action.path("type").asString()).isEqualTo("external_select");
        assertThat(action.path("selected_option").path("value").asString()).isEqualTo("acme/api");
        assertThat(choice.path("state")
                        .path("values")
                        .path("pick")
                        .path("repo")
                        .path("selected_option")
                        .path("value")
                        .asString())
                .isEqualTo("acme/api");
        assertThat(choice.path("message").path("thread_ts").asString()).isEqualTo(root);
    }

    @Test
    void aChoiceInTheHomeViewCarriesTheViewAndItsState() throws Exception {
        publishHome();

        var delivery = slack.clickInHome(ada, "model", "gpt-5", Map.of("branch", "develop"));

        var payload = delivery.sentJson();
        assertThat(payload.path("container").path("type").asString()).isEqualTo("view");
        assertThat(payload.path("container").path("view_id").asString())
                .isEqualTo(fake.homeView(ada.id()).orElseThrow().id());
        assertThat(payload.has("channel")).isFalse();
        var action = payload.path("actions").get(0);
        assertThat(action.path("type").asString()).isEqualTo("static_select");
        assertThat(action.path("selected_option").path("value").asString()).isEqualTo("gpt-5");
        assertThat(action.path("selected_option").path("text").path("text").asString())
                .isEqualTo("GPT-5");
        JsonNode values = payload.path("view").path("state").path("values");
        assertThat(values.path("prefs")
                        .path("model")
                        .path("selected_option")
                        .path("value")
                        .asString())
                .isEqualTo("gpt-5");
        assertThat(values.path("branch-block").path("branch").path("value").asString())
                .isEqualTo("develop");
        assertThat(values.path("repo-block")
                        .path("repo")
                        .path("selected_option")
                        .isNull())
                .isTrue();
    }

    @Test
    void aSuggestionRequestAnswersTheAppsOptions() throws Exception {
        publishHome();
        bot.answer =
                "{\"options\":[{\"text\":{\"type\":\"plain_text\",\"text\":\"acme/api\"},\"value\":\"acme/api\"}]}";

        var delivery = slack.suggestInHome(ada, "repo", "acm");

        var payload = delivery.sentJson();
        assertThat(payload.path("type").asString()).isEqualTo("block_suggestion");
        assertThat(payload.path("action_id").asString()).isEqualTo("repo");
        assertThat(payload.path("block_id").asString()).isEqualTo("repo-block");
        assertThat(payload.path("value").asString()).isEqualTo("acm");
        assertThat(delivery.json().path("options").get(0).path("value").asString())
                .isEqualTo("acme/api");
    }

    @Test
    void openingTheHomeTabShowsThePublishedView() throws Exception {
        var before = slack.openHome(ada).sentJson().path("event");
        publishHome();
        var after = slack.openHome(ada).sentJson().path("event");

        assertThat(before.path("type").asString()).isEqualTo("app_home_opened");
        assertThat(before.path("tab").asString()).isEqualTo("home");
        assertThat(before.path("channel").asString()).startsWith("D");
        assertThat(before.has("view")).isFalse();
        assertThat(after.path("view").path("id").asString())
                .isEqualTo(fake.homeView(ada.id()).orElseThrow().id());
    }

    private void publishHome() throws Exception {
        var home = Views.view(v -> v.type("home")
                .blocks(List.of(
                        section(s -> s.blockId("prefs")
                                .text(markdownText("*Model*"))
                                .accessory(staticSelect(e -> e.actionId("model")
                                        .options(List.of(
                                                option(plainText("GPT-5"), "gpt-5"),
                                                option(plainText("Claude"), "claude")))))),
                        input(i -> i.blockId("branch-block")
                                .label(plainText("Branch"))
                                .element(plainTextInput(e -> e.actionId("branch")))),
                        actions(a -> a.blockId("repo-block")
                                .elements(List.of(externalSelect(
                                        e -> e.actionId("repo").placeholder(plainText("Repository")))))))));
        var published = client.methods(fake.botToken())
                .viewsPublish(r -> r.userId(ada.id()).view(home));
        assertThat(published.isOk()).as(published.getError()).isTrue();
    }
}
