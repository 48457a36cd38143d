package io.codinspect.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the fake sends to an app, received by a stand-in that checks signatures itself. */
class FakeSlackDeliveriesTest {

    private final FakeSlack fake = FakeSlack.start();
    private final BotReceiver bot = BotReceiver.start();
    private final SlackDeliveries slack = fake.sendTo(bot.uri());
    private final SlackUser ada = fake.addUser("U0ADA", "ada", "ada@acme.com");
    private final String general = fake.addChannel("general");

    @AfterEach
    void stop() {
        bot.close();
        fake.close();
    }

    @Test
    void aMentionIsASignedAppMentionFollowedByItsMessageTwin() {
        var delivery = slack.mention(ada, general, "fix the flaky test in acme/api");

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(bot.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.verified()).isTrue();
            assertThat(r.headers().get("content-type")).isEqualTo("application/json");
            assertThat(r.headers()).doesNotContainKey("x-slack-retry-num");
        });
        var envelope = SlackJson.parse(bot.received().getFirst().body());
        assertThat(envelope.path("type").asString()).isEqualTo("event_callback");
        assertThat(envelope.path("team_id").asString()).isEqualTo("T0FAKE");
        assertThat(envelope.path("api_app_id").asString()).isEqualTo(fake.appId());
        assertThat(envelope.path("event_id").asString()).isEqualTo(delivery.eventId());
        assertThat(envelope.path("authorizations").get(0).path("user_id").asString())
                .isEqualTo(fake.botUserId());
        var event = envelope.path("event");
        assertThat(event.path("type").asString()).isEqualTo("app_mention");
        assertThat(event.path("text").asString())
                .isEqualTo("<@" + fake.botUserId() + "> fix the flaky test in acme/api");
        assertThat(event.path("user").asString()).isEqualTo(ada.id());
        assertThat(event.path("channel").asString()).isEqualTo(general);
        assertThat(event.has("thread_ts")).isFalse();
        var twin = SlackJson.parse(bot.received().get(1).body());
        assertThat(twin.path("event").path("type").asString()).isEqualTo("message");
        assertThat(twin.path("event").path("channel_type").asString()).isEqualTo("channel");
        assertThat(twin.path("event_id").asString()).isNotEqualTo(delivery.eventId());
        assertThat(fake.messages(general))
                .singleElement()
                .satisfies(m -> assertThat(m.ts()).isEqualTo(event.path("ts").asString()));
    }

    @Test
    void repliesAndDirectMessagesCarryTheirThreadAndChannelType() {
        fake.mentionsAsMessages(false);
        var root = slack.mention(ada, general, "start")
                .sentJson()
                .path("event")
                .path("ts")
                .asString();
        var reply = slack.reply(ada, general, root, "and also this").sentJson().path("event");
        var inThread = slack.mentionInThread(ada, general, root, "<@" + fake.botUserId() + "> again")
                .sentJson()
                .path("event");
        var dm = slack.dm(ada, "hello").sentJson().path("event");

        assertThat(bot.received()).hasSize(4);
        assertThat(reply.path("type").asString()).isEqualTo("message");
        assertThat(reply.path("thread_ts").asString()).isEqualTo(root);
        assertThat(reply.path("parent_user_id").asString()).isEqualTo(ada.id());
        assertThat(inThread.path("type").asString()).isEqualTo("app_mention");
        assertThat(inThread.path("thread_ts").asString()).isEqualTo(root);
        assertThat(inThread.path("text").asString()).isEqualTo("<@" + fake.botUserId() + "> again");
        assertThat(dm.path("channel_type").asString()).isEqualTo("im");
        assertThat(dm.path("channel").asString()).isEqualTo(fake.dmChannel(ada)).startsWith("D");
        assertThat(fake.thread(general, root)).hasSize(3);
    }

    @Test
    void badSignaturesAndStaleTimestampsAreRefusedByAVerifyingApp() {
        assertThat(slack.badSignature().mention(ada, general, "one").status()).isEqualTo(401);
        assertThat(slack.staleTimestamp().dm(ada, "two").status()).isEqualTo(401);
        assertThat(slack.urlVerification().status()).isEqualTo(200);
        assertThat(bot.received())
                .extracting(BotReceiver.Received::verified)
                .containsExactly(false, false, false, true);
        var stale = bot.received().get(2).headers().get("x-slack-request-timestamp");
        assertThat(System.currentTimeMillis() / 1000 - Long.parseLong(stale)).isBetween(301L, 310L);
    }

    @Test
    void aRetryResendsTheSameEventWithRetryHeaders() {
        fake.mentionsAsMessages(false);
        var first = slack.mention(ada, general, "once");

        var retry = slack.retry(first, 1);
        slack.retry(first, 2);

        assertThat(retry.eventId()).isEqualTo(first.eventId());
        assertThat(retry.requestBody()).isEqualTo(first.requestBody());
        assertThat(bot.received())
                .extracting(r -> r.headers().get("x-slack-retry-num"))
                .containsExactly(null, "1", "2");
        assertThat(bot.received().get(1).headers().get("x-slack-retry-reason")).isEqualTo("http_timeout");
        assertThat(bot.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
        assertThat(fake.messages(general)).hasSize(1);
        assertThat(fake.deliveries()).extracting(SlackDelivery::retryNum).containsExactly(0, 1, 2);
    }

    @Test
    void theUrlVerificationCarriesAChallenge() {
        bot.answer = "echo";
        var delivery = slack.urlVerification();

        assertThat(delivery.sentJson().path("type").asString()).isEqualTo("url_verification");
        assertThat(delivery.sentJson().path("challenge").asString()).hasSizeGreaterThan(10);
        assertThat(delivery.body()).isEqualTo("echo");
        assertThat(delivery.eventId()).isNull();
    }
}
