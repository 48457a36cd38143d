package io.codinspect.testkit.slack;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.block.LayoutBlock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake refuses what Slack refuses, the way Slack does, and rate-limits on demand. */
class FakeSlackErrorsTest {

    private final FakeSlack fake = FakeSlack.start();
    private final Slack slack = Slack.getInstance(FakeSlackWebApiTest.config(fake));
    private final MethodsClient methods = slack.methods(fake.botToken());
    private final String general = fake.addChannel("general");

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void anUnknownTokenIsInvalidAuth() throws Exception {
        var answer = slack.methods("xoxb-someone-else")
                .chatPostMessage(r -> r.channel(general).text("hi"));

        assertThat(answer.isOk()).isFalse();
        assertThat(answer.getError()).isEqualTo("invalid_auth");
        assertThat(fake.messages(general)).isEmpty();
    }

    @Test
    void messagesBeyondSlacksLimitsAreRefused() throws Exception {
        var tooLong = methods.chatPostMessage(r -> r.channel(general).text("x".repeat(40_001)));
        var fiftyOne =
                methods.chatPostMessage(r -> r.channel(general).text("t").blocks(Collections.nCopies(51, divider())));
        var bigSection = methods.chatPostMessage(r -> r.channel(general)
                .text("t")
                .blocks(List.<LayoutBlock>of(section(s -> s.text(markdownText("y".repeat(3001)))))));
        var noChannel = methods.chatPostMessage(r -> r.channel("C0NOWHERE").text("hi"));
        var fits = methods.chatPostMessage(r -> r.channel(general)
                .text("x".repeat(40_000))
                .blocks(List.<LayoutBlock>of(section(s -> s.text(markdownText("y".repeat(3000)))))));

        assertThat(tooLong.getError()).isEqualTo("msg_too_long");
        assertThat(fiftyOne.getError()).isEqualTo("invalid_blocks");
        assertThat(bigSection.getError()).isEqualTo("invalid_blocks");
        assertThat(bigSection.getResponseMetadata().getMessages())
                .containsExactly("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
        assertThat(noChannel.getError()).isEqualTo("channel_not_found");
        assertThat(fits.isOk()).isTrue();
        assertThat(fake.messages(general)).hasSize(1);
    }

    @Test
    void updatesNeedAMessageOfTheBotsAndKeepTheLimits() throws Exception {
        var ada = fake.addUser("U0ADA", "ada", "ada@acme.com");
        var ts = methods.chatPostMessage(r -> r.channel(general).text("status")).getTs();
        var people = fake.sendTo(URI.create("http://127.0.0.1:9/nobody-listens"));
        var theirs = people.dm(ada, "hello");

        assertThat(methods.chatUpdate(r -> r.channel(general).ts("1.000001").text("x"))
                        .getError())
                .isEqualTo("message_not_found");
        assertThat(methods.chatUpdate(r -> r.channel(general).ts(ts).text("x".repeat(40_001)))
                        .getError())
                .isEqualTo("msg_too_long");
        assertThat(theirs.status()).isZero();
        var dm = fake.dmChannel(ada);
        var personal = fake.messages(dm).getFirst().ts();
        assertThat(methods.chatUpdate(r -> r.channel(dm).ts(personal).text("x")).getError())
                .isEqualTo("cant_update_message");
        assertThat(fake.message(general, ts).orElseThrow().text()).isEqualTo("status");
        assertThat(fake.calls("chat.update")).extracting(SlackApiCall::ok).containsExactly(false, false, false);
    }

    @Test
    void aRateLimitedMethodAnswers429WithRetryAfterTheGivenNumberOfTimes() throws Exception {
        fake.rateLimit("chat.postMessage", 2, 7);

        for (var i = 0; i < 2; i++) {
            assertThatThrownBy(() ->
                            methods.chatPostMessage(r -> r.channel(general).text("hi")))
                    .isInstanceOfSatisfying(SlackApiException.class, e -> {
                        assertThat(e.getResponse().code()).isEqualTo(429);
                        assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
                    });
        }
        assertThat(methods.chatPostMessage(r -> r.channel(general).text("hi")).isOk())
                .isTrue();
        assertThat(fake.calls("chat.postMessage"))
                .extracting(SlackApiCall::status)
                .containsExactly(429, 429, 200);
        assertThat(fake.calls("chat.postMessage").getFirst().error()).isEqualTo("ratelimited");
    }

    @Test
    void unknownMethodsAndJsonBodies() throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var unknown = http.send(
                post("no.suchMethod", "application/x-www-form-urlencoded", "a=b"),
                HttpResponse.BodyHandlers.ofString());
        var json = http.send(
                post(
                        "chat.postMessage",
                        "application/json; charset=utf-8",
                        "{\"channel\":\"" + general + "\",\"text\":\"from json\",\"blocks\":[{\"type\":\"divider\"}]}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(SlackJson.parse(unknown.body()).path("error").asString()).isEqualTo("unknown_method");
        assertThat(SlackJson.parse(json.body()).path("ok").asBoolean()).isTrue();
        assertThat(fake.messages(general)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("from json");
            assertThat(m.blocks().get(0).path("type").asString()).isEqualTo("divider");
        });
    }

    private HttpRequest post(String method, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(fake.apiUrl() + method))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + fake.botToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
