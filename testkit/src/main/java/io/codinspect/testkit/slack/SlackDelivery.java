package io.codinspect.testkit.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * One request the fake sent to the bot, and what the bot answered.
 *
 * @param kind what was sent: {@code url_verification}, {@code event_callback/<event type>},
 *     {@code block_actions} or {@code block_suggestion}
 * @param eventId the envelope's {@code event_id} (the same on a retry), null for interactions
 * @param requestBody the raw body sent (for interactions {@code payload=<url-encoded JSON>})
 * @param retryNum the {@code X-Slack-Retry-Num} sent, 0 for a first delivery
 * @param status the HTTP status answered; 0 when no answer came (connection refused, timed out)
 * @param body the body answered (or, with status 0, what went wrong)
 * @param elapsed from sending to the whole answer (Slack gives up after 3 s)
 */
public record SlackDelivery(
        String kind, String eventId, String requestBody, int retryNum, int status, String body, Duration elapsed) {

    /** Whether the bot acknowledged it with a 2xx. */
    public boolean acked() {
        return status >= 200 && status < 300;
    }

    /** The answer parsed as JSON, such as a {@code block_suggestion}'s {@code {"options": [...]}}. */
    public JsonNode json() {
        return SlackJson.parse(body);
    }

    /** The JSON that was sent: the envelope, or an interaction's decoded {@code payload}. */
    public JsonNode sentJson() {
        if (requestBody.startsWith("payload=")) {
            return SlackJson.parse(URLDecoder.decode(requestBody.substring(8), StandardCharsets.UTF_8));
        }
        return SlackJson.parse(requestBody);
    }
}
