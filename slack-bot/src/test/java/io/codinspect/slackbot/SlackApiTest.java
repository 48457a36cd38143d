package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.codinspect.testkit.slack.FakeSlack;
import io.codinspect.testkit.slack.SlackUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bot's use of Slack's real Java client against the fake Slack: errors, 429s and the people it reads. */
class SlackApiTest {

    private final FakeSlack fake = FakeSlack.start();
    private final Slack client = Slack.getInstance(config());
    private final SlackApi slack = new SlackApi(client.methods(fake.botToken()));
    private final String channel = fake.addChannel("dev");

    @AfterEach
    void stop() throws Exception {
        client.close();
        fake.close();
    }

    @Test
    void aRateLimitedCallWaitsTheRetryAfterAndSucceeds() {
        fake.rateLimit("chat.postMessage", 1, 1);

        var posted = slack.call(
                "chat.postMessage",
                m -> m.chatPostMessage(r -> r.channel(channel).text("hi")));

        assertThat(posted.getTs()).isNotNull();
        assertThat(fake.calls("chat.postMessage")).extracting(c -> c.status()).containsExactly(429, 200);
    }

    @Test
    void anAnswerThatIsNotOkIsAFailureWithSlacksError() {
        assertThatThrownBy(() -> slack.call(
                        "chat.postMessage",
                        m -> m.chatPostMessage(r -> r.channel("CNOPE").text("hi"))))
                .isInstanceOf(SlackApi.SlackFailure.class)
                .hasMessageContaining("channel_not_found");
    }

    @Test
    void aPersonIsClaimedWithTheirConfirmedEmailAndAGuestOrVisitorIsSaidSo() {
        fake.addUser("U0ADA", "Ada Lovelace", "ada@acme.com");
        fake.addUser(SlackUser.person("U0GUS", "Gus", "gus@acme.com").asGuest());
        fake.addUser(SlackUser.person("U0VIS", "Vis", "vis@other.com").fromTeam("T0OTHER"));
        var people = new People(slack, null);

        var ada = People.claim(fake.teamId(), people.profile("U0ADA"));
        var gus = People.claim(fake.teamId(), people.profile("U0GUS"));
        var visitor = People.claim(fake.teamId(), people.profile("U0VIS"));

        assertThat(ada.externalId()).isEqualTo(fake.teamId() + "/U0ADA");
        assertThat(ada.email()).isEqualTo("ada@acme.com");
        assertThat(ada.emailVerified()).isTrue();
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.guest()).isFalse();
        assertThat(ada.foreignWorkspace()).isFalse();
        assertThat(gus.guest()).isTrue();
        assertThat(visitor.foreignWorkspace()).isTrue();
        assertThat(visitor.externalId()).isEqualTo("T0OTHER/U0VIS");
    }

    private SlackConfig config() {
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        return config;
    }
}
