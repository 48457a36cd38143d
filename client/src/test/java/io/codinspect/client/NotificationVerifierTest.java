package io.codinspect.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationVerifierTest {

    static final String SECRET = "whsec_3kq9VbE2mT7xR1cY8nL0pZ4aW6sD5fGh";
    static final long NOW = 1_712_345_678L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String DELIVERY = "5b0f6c1e-8a57-4d1f-9b0e-2f4c6d8a1b3c";
    static final byte[] FINISHED = """
            {"deliveryId": "5b0f6c1e-8a57-4d1f-9b0e-2f4c6d8a1b3c", "kind": "prompt.finished",
             "occurredAt": "2024-04-05T19:34:38Z", "someFieldAddedLater": {"x": 1},
             "session": {"id": "0d7b6c8e-1f2a-4b3c-8d9e-0a1b2c3d4e5f", "externalKey": "slack:T1/C2/1712345678.000100",
                         "botData": {"statusTs": "1712345679.000200"}, "repository": "acme/shop",
                         "branch": "codinspect/0d7b6c8e", "webUrl": "https://ci.acme.com/sessions/0d7b6c8e-1f2a-4b3c-8d9e-0a1b2c3d4e5f"},
             "prompt": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "status": "completed", "source": "slack",
                        "sourceUrl": "https://acme.slack.com/archives/C2/p1712345678000100",
                        "authorId": "11111111-2222-4333-8444-555555555555", "botData": null},
             "finished": {"outcome": "completed", "error": null, "finalMessage": "Done: **tests pass**",
                          "filesChanged": ["src/Main.java"], "commits": [{"sha": "abc123", "branch": "codinspect/0d7b6c8e"}],
                          "branch": "codinspect/0d7b6c8e", "pullRequest": {"number": 42, "url": "https://github.com/acme/shop/pull/42", "state": "open"},
                          "costUsd": 0.0421, "durationMs": 73000, "webUrl": "https://ci.acme.com/sessions/0d7b6c8e-1f2a-4b3c-8d9e-0a1b2c3d4e5f"},
             "progress": null, "pullRequest": null}
            """.getBytes(StandardCharsets.UTF_8);

    final NotificationVerifier verifier = new NotificationVerifier(SECRET, CLOCK);

    static Map<String, List<String>> headers(long timestamp, String signature) {
        var headers = new HashMap<String, List<String>>();
        headers.put("codinspect-delivery", List.of(DELIVERY));
        headers.put("CodInspect-Timestamp", List.of(Long.toString(timestamp)));
        headers.put("CODINSPECT-SIGNATURE", List.of(signature));
        return headers;
    }

    @Test
    void acceptsAValidSignatureAndReadsTheNotification() {
        var n = verifier.verify(headers(NOW, NotificationVerifier.sign(SECRET, NOW, FINISHED)), FINISHED);

        assertThat(n.deliveryId()).isEqualTo(UUID.fromString(DELIVERY));
        assertThat(n.kind()).isEqualTo(Notification.PROMPT_FINISHED);
        assertThat(n.occurredAt()).isEqualTo(Instant.parse("2024-04-05T19:34:38Z"));
        assertThat(n.session().externalKey()).isEqualTo("slack:T1/C2/1712345678.000100");
        assertThat(n.session().botData().get("statusTs").asString()).isEqualTo("1712345679.000200");
        assertThat(n.prompt().status()).isEqualTo(PromptStatus.completed);
        assertThat(n.prompt().source()).isEqualTo(PromptSource.slack);
        assertThat(n.prompt().authorId()).isEqualTo(UUID.fromString("11111111-2222-4333-8444-555555555555"));
        assertThat(n.finished().outcome()).isEqualTo(PromptStatus.completed);
        assertThat(n.finished().commits()).containsExactly(new Notification.Commit("abc123", "codinspect/0d7b6c8e"));
        assertThat(n.finished().pullRequest())
                .isEqualTo(new Notification.PullRequestRef(42, "https://github.com/acme/shop/pull/42", "open"));
        assertThat(n.finished().costUsd()).isEqualByComparingTo(new BigDecimal("0.0421"));
        assertThat(n.finished().durationMs()).isEqualTo(73_000L);
        assertThat(n.progress()).isNull();
        assertThat(n.pullRequest()).isNull();
    }

    @Test
    void signsAsTheDocumentSays() {
        // HMAC-SHA256("key", "1.body"), computed independently with openssl
        assertThat(NotificationVerifier.sign("key", 1, "body".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1=" + "91b5374b153842ad05b2c4eab9349b8321b14703165bd3fb8b034dfb8be98ae5");
    }

    @Test
    void rejectsATamperedBody() {
        var signature = NotificationVerifier.sign(SECRET, NOW, FINISHED);
        var tampered = new String(FINISHED, StandardCharsets.UTF_8)
                .replace("\"completed\", \"error\"", "\"failed\", \"error\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier.verify(headers(NOW, signature), tampered))
                .isInstanceOf(InvalidNotification.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void rejectsASignatureUnderAnotherSecretWithoutShowingEither() {
        var signature = NotificationVerifier.sign("whsec_other", NOW, FINISHED);

        assertThatThrownBy(() -> verifier.verify(headers(NOW, signature), FINISHED))
                .isInstanceOf(InvalidNotification.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("whsec_");
        assertThat(verifier.toString()).doesNotContain(SECRET);
    }

    @Test
    void rejectsMissingHeaders() {
        var signature = NotificationVerifier.sign(SECRET, NOW, FINISHED);
        for (var missing : List.of("codinspect-delivery", "CodInspect-Timestamp", "CODINSPECT-SIGNATURE")) {
            var headers = headers(NOW, signature);
            headers.remove(missing);

            assertThatThrownBy(() -> verifier.verify(headers, FINISHED))
                    .isInstanceOf(InvalidNotification.class)
                    .hasMessageContaining("header is missing");
        }
    }

    @Test
    void rejectsTimestampsMoreThanFiveMinutesAwayEitherWay() {
        for (var sent : List.of(NOW - 301, NOW + 301)) {
            var signature = NotificationVerifier.sign(SECRET, sent, FINISHED);
            assertThatThrownBy(() -> verifier.verify(headers(sent, signature), FINISHED))
                    .isInstanceOf(InvalidNotification.class)
                    .hasMessageMatching(".*(stale|future).*");
        }
        for (var sent : List.of(NOW - 300, NOW + 300)) {
            var signature = NotificationVerifier.sign(SECRET, sent, FINISHED);
            assertThat(verifier.verify(headers(sent, signature), FINISHED).kind())
                    .isEqualTo("prompt.finished");
        }
    }

    @Test
    void rejectsMalformedHeaders() {
        var signature = NotificationVerifier.sign(SECRET, NOW, FINISHED);
        var notSeconds = headers(NOW, signature);
        notSeconds.put("CodInspect-Timestamp", List.of("2024-04-05T19:34:38Z"));
        var notUuid = headers(NOW, signature);
        notUuid.put("codinspect-delivery", List.of("delivery-1"));
        var noV1 = headers(NOW, signature.replace("v1=", "v0="));
        var bareHex = headers(NOW, signature.substring(3));

        assertThatThrownBy(() -> verifier.verify(notSeconds, FINISHED)).hasMessageContaining("not unix seconds");
        assertThatThrownBy(() -> verifier.verify(notUuid, FINISHED)).hasMessageContaining("not a UUID");
        assertThatThrownBy(() -> verifier.verify(noV1, FINISHED)).hasMessageContaining("no v1= signature");
        assertThatThrownBy(() -> verifier.verify(bareHex, FINISHED)).isInstanceOf(InvalidNotification.class);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesSoTheSenderCanRotate() {
        var old = NotificationVerifier.sign("whsec_old", NOW, FINISHED);
        var current = NotificationVerifier.sign(SECRET, NOW, FINISHED);

        assertThat(verifier.verify(headers(NOW, old + ", " + current), FINISHED).kind())
                .isEqualTo("prompt.finished");
        assertThat(verifier.verify(headers(NOW, current + " " + old), FINISHED).kind())
                .isEqualTo("prompt.finished");
    }

    @Test
    void acceptsAnyOfSeveralSecretsSoTheSubscriberCanRotate() {
        var rotating = new NotificationVerifier(List.of("whsec_new", SECRET), CLOCK);
        var signedWithOld = NotificationVerifier.sign(SECRET, NOW, FINISHED);
        var signedWithNew = NotificationVerifier.sign("whsec_new", NOW, FINISHED);

        assertThat(rotating.verify(headers(NOW, signedWithOld), FINISHED)).isNotNull();
        assertThat(rotating.verify(headers(NOW, signedWithNew), FINISHED)).isNotNull();
        assertThatThrownBy(() -> verifier.verify(headers(NOW, signedWithNew), FINISHED))
                .isInstanceOf(InvalidNotification.class);
    }

    @Test
    void readsHeadersThroughALookup() {
        var signature = NotificationVerifier.sign(SECRET, NOW, FINISHED);
        var headers = Map.of(
                NotificationVerifier.DELIVERY, DELIVERY,
                NotificationVerifier.TIMESTAMP, Long.toString(NOW),
                NotificationVerifier.SIGNATURE, signature);

        assertThat(verifier.verify(headers::get, FINISHED).deliveryId()).isEqualTo(UUID.fromString(DELIVERY));
    }

    @Test
    void rejectsASignedBodyThatIsNotANotificationOrNamesAnotherDelivery() {
        for (var text : List.of("not json", "[1, 2]", "{\"session\": {}}", """
                {"deliveryId": "00000000-0000-4000-8000-000000000000", "kind": "prompt.started"}""")) {
            var body = text.getBytes(StandardCharsets.UTF_8);
            var headers = headers(NOW, NotificationVerifier.sign(SECRET, NOW, body));

            assertThatThrownBy(() -> verifier.verify(headers, body))
                    .isInstanceOf(InvalidNotification.class)
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void readsProgressAndToleratesValuesAddedLater() {
        var body = """
                {"kind": "prompt.progress", "occurredAt": "2024-04-05T19:34:38Z",
                 "session": {"id": "0d7b6c8e-1f2a-4b3c-8d9e-0a1b2c3d4e5f"},
                 "prompt": {"id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "status": "paused", "source": "carrier-pigeon"},
                 "progress": {"step": "Running bash: mvn test"}}""".getBytes(StandardCharsets.UTF_8);

        var n = verifier.verify(headers(NOW, NotificationVerifier.sign(SECRET, NOW, body)), body);

        assertThat(n.deliveryId()).isEqualTo(UUID.fromString(DELIVERY));
        assertThat(n.progress().step()).isEqualTo("Running bash: mvn test");
        assertThat(n.prompt().status()).isEqualTo(PromptStatus.unknown);
        assertThat(n.prompt().source()).isEqualTo(PromptSource.unknown);
        assertThat(n.finished()).isNull();
    }
}
