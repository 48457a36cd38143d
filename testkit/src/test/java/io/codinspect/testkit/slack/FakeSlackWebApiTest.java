package io.codinspect.testkit.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import com.slack.api.model.view.Views;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's Web API as Slack's own Java client (1.46.0) sees it. */
class FakeSlackWebApiTest {

    private final FakeSlack fake = FakeSlack.start();
    private final Slack slack = Slack.getInstance(config(fake));
    private final MethodsClient methods = slack.methods(fake.botToken());
    private final SlackUser ada = fake.addUser("U0ADA", "ada", "ada@acme.com");
    private final String general = fake.addChannel("general");

    static SlackConfig config(FakeSlack fake) {
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        return config;
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void authTestAndBotsInfoDescribeTheBot() throws Exception {
        var auth = methods.authTest(r -> r);
        var bot = methods.botsInfo(r -> r.bot(auth.getBotId()));

        assertThat(auth.isOk()).isTrue();
        assertThat(auth.getTeamId()).isEqualTo("T0FAKE");
        assertThat(auth.getUserId()).isEqualTo(fake.botUserId());
        assertThat(auth.getBotId()).isEqualTo(fake.botId());
        assertThat(auth.getUrl()).startsWith("https://");
        assertThat(bot.getBot().getUserId()).isEqualTo(fake.botUserId());
        assertThat(bot.getBot().getAppId()).isEqualTo(fake.appId());
    }

    @Test
    void postsInAThreadUpdatesAndReadsTheThreadPageByPage() throws Exception {
        var root = methods.chatPostMessage(r -> r.channel(general).text("root")).getTs();
        var first = methods.chatPostMessage(r -> r.channel(general)
                .threadTs(root)
                .text("working")
                .blocks(List.of(
                        section(s -> s.text(markdownText("*working*"))),
                        actions(a -> a.elements(List.of(button(
                                b -> b.actionId("stop").text(plainText("Stop")).value("s1"))))))));
        var second =
                methods.chatPostMessage(r -> r.channel(general).threadTs(root).text("done"));
        var updated =
                methods.chatUpdate(r -> r.channel(general).ts(first.getTs()).text("finished"));

        assertThat(first.isOk()).isTrue();
        assertThat(first.getTs()).isGreaterThan(root).matches("\\d{10}\\.\\d{6}");
        assertThat(first.getMessage().getThreadTs()).isEqualTo(root);
        assertThat(first.getMessage().getBlocks()).hasSize(2);
        assertThat(updated.getText()).isEqualTo("finished");
        assertThat(fake.message(general, first.getTs()).orElseThrow().text()).isEqualTo("finished");
        assertThat(fake.message(general, first.getTs()).orElseThrow().blocks()).hasSize(2);

        var page1 =
                methods.conversationsReplies(r -> r.channel(general).ts(root).limit(2));
        var page2 = methods.conversationsReplies(r -> r.channel(general)
                .ts(root)
                .limit(2)
                .cursor(page1.getResponseMetadata().getNextCursor()));

        assertThat(page1.getMessages()).extracting(Message::getText).containsExactly("root", "finished");
        assertThat(page1.getMessages().getFirst().getReplyCount()).isEqualTo(2);
        assertThat(page1.getMessages().get(1).getBotId()).isEqualTo(fake.botId());
        assertThat(page1.isHasMore()).isTrue();
        assertThat(page2.getMessages()).extracting(Message::getTs).containsExactly(second.getTs());
        assertThat(page2.isHasMore()).isFalse();
        assertThat(page2.getResponseMetadata().getNextCursor()).isEmpty();
        assertThat(fake.botReplies(general, root)).hasSize(2);
    }

    @Test
    void reactionsArePerNameAndCannotBeAddedTwice() throws Exception {
        var ts = methods.chatPostMessage(r -> r.channel(general).text("hi")).getTs();

        assertThat(methods.reactionsAdd(r -> r.channel(general).timestamp(ts).name("eyes"))
                        .isOk())
                .isTrue();
        assertThat(methods.reactionsAdd(r -> r.channel(general).timestamp(ts).name("eyes"))
                        .getError())
                .isEqualTo("already_reacted");
        assertThat(methods.reactionsAdd(r -> r.channel(general).timestamp(ts).name("white_check_mark"))
                        .isOk())
                .isTrue();
        assertThat(methods.reactionsRemove(r -> r.channel(general).timestamp(ts).name("eyes"))
                        .isOk())
                .isTrue();
        assertThat(methods.reactionsRemove(r -> r.channel(general).timestamp(ts).name("eyes"))
                        .getError())
                .isEqualTo("no_reaction");
        assertThat(fake.reactions(general, ts)).containsExactly("white_check_mark");
        assertThat(fake.reactionsBy(general, ts)).containsEntry("white_check_mark", List.of(fake.botUserId()));
    }

    @Test
    void usersInfoDescribesPeopleGuestsAndOtherTeams() throws Exception {
        fake.addUser(
                SlackUser.person("U0GUEST", "gus", "gus@other.com").asGuest().withRealName("Gus Guest"));
        fake.addUser(SlackUser.person("U0EXT", "eve", "eve@partner.com").fromTeam("T0PARTNER"));

        var member = methods.usersInfo(r -> r.user(ada.id())).getUser();
        var guest = methods.usersInfo(r -> r.user("U0GUEST")).getUser();
        var external = methods.usersInfo(r -> r.user("U0EXT")).getUser();

        assertThat(member.getProfile().getEmail()).isEqualTo("ada@acme.com");
        assertThat(member.getProfile().getDisplayName()).isEqualTo("ada");
        assertThat(member.getProfile().getImage72()).startsWith("https://");
        assertThat(member.getTeamId()).isEqualTo("T0FAKE");
        assertThat(member.isRestricted()).isFalse();
        assertThat(member.isBot()).isFalse();
        assertThat(guest.isRestricted()).isTrue();
        assertThat(guest.getRealName()).isEqualTo("Gus Guest");
        assertThat(external.getTeamId()).isEqualTo("T0PARTNER");
        assertThat(methods.usersInfo(r -> r.user(fake.botUserId())).getUser().isBot())
                .isTrue();
        assertThat(methods.usersInfo(r -> r.user("U0NOBODY")).getError()).isEqualTo("user_not_found");
    }

    @Test
    void viewsPublishKeepsTheHomeAndRefusesAStaleHash() throws Exception {
        var home = Views.view(v -> v.type("home").blocks(List.of(section(s -> s.text(markdownText("*Model*"))))));

        var first = methods.viewsPublish(r -> r.userId(ada.id()).view(home));
        var second = methods.viewsPublish(
                r -> r.userId(ada.id()).view(home).hash(first.getView().getHash()));
        var stale = methods.viewsPublish(
                r -> r.userId(ada.id()).view(home).hash(first.getView().getHash()));

        assertThat(first.getView().getId()).startsWith("V");
        assertThat(first.getView().getType()).isEqualTo("home");
        assertThat(second.isOk()).isTrue();
        assertThat(second.getView().getHash()).isNotEqualTo(first.getView().getHash());
        assertThat(stale.getError()).isEqualTo("hash_conflict");
        assertThat(fake.homeView(ada.id()).orElseThrow().publishes()).isEqualTo(2);
        assertThat(fake.homeView(ada.id()).orElseThrow().visibleText()).contains("*Model*");
    }

    @Test
    void permalinksAndEphemerals() throws Exception {
        var root = methods.chatPostMessage(r -> r.channel(general).text("root")).getTs();
        var reply = methods.chatPostMessage(
                        r -> r.channel(general).threadTs(root).text("reply"))
                .getTs();

        var rootLink = methods.chatGetPermalink(r -> r.channel(general).messageTs(root));
        var replyLink = methods.chatGetPermalink(r -> r.channel(general).messageTs(reply));
        var ephemeral = methods.chatPostEphemeral(
                r -> r.channel(general).user(ada.id()).threadTs(root).text("only you"));

        assertThat(rootLink.getPermalink())
                .isEqualTo("https://fake-slack.example/archives/" + general + "/p" + root.replace(".", ""));
        assertThat(replyLink.getPermalink()).contains("?thread_ts=" + root + "&cid=" + general);
        assertThat(ephemeral.getMessageTs()).isNotBlank();
        assertThat(fake.ephemerals(ada.id())).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("only you");
            assertThat(e.threadTs()).isEqualTo(root);
        });
    }
}
