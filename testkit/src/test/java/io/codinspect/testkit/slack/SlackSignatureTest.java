package io.codinspect.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    // Slack's own test vector (INTEGRATIONS.md §1.1, as in the SDK's SlackSignatureTest)
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void signsSlacksTestVector() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void matchesOnlyTheSameBodyTimestampAndSecret() {
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, SIGNATURE)).isTrue();
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY + " ", SIGNATURE))
                .isFalse();
        assertThat(SlackSignature.matches(SECRET, "1531420619", BODY, SIGNATURE))
                .isFalse();
        assertThat(SlackSignature.matches(SECRET + "x", TIMESTAMP, BODY, SIGNATURE))
                .isFalse();
        assertThat(SlackSignature.matches(SECRET, TIMESTAMP, BODY, null)).isFalse();
    }

    @Test
    void agreesWithBoltsVerifier() {
        var generator = new com.slack.api.app_backend.SlackSignature.Generator(SECRET);
        assertThat(generator.generate(TIMESTAMP, BODY)).isEqualTo(SlackSignature.sign(SECRET, TIMESTAMP, BODY));
    }
}
