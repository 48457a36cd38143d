package io.codinspect.testkit.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends signed requests to the bot the way Slack does, over {@code java.net.http} with a connect
 * timeout of 2 s and a per-request timeout, and records every delivery (at most {@link
 * SlackWorkspace#MAX_RECORDS}).
 */
final class EventSender {

    /** How a request is signed: properly, with a wrong secret, or with a timestamp 301 s old. */
    enum Signing {
        VALID,
        BAD_SIGNATURE,
        STALE_TIMESTAMP
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String signingSecret;
    private final List<SlackDelivery> sent = new ArrayList<>();

    EventSender(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    /** Sends {@code body}; a retry ({@code retryNum > 0}) carries {@code X-Slack-Retry-Num} and reason {@code http_timeout}. */
    SlackDelivery send(
            URI uri, String kind, String eventId, String body, Signing signing, int retryNum, Duration timeout) {
        var now = System.currentTimeMillis() / 1000;
        var timestamp = Long.toString(signing == Signing.STALE_TIMESTAMP ? now - 301 : now);
        var secret = signing == Signing.BAD_SIGNATURE ? signingSecret + "-but-wrong" : signingSecret;
        var form = body.startsWith("payload=");
        var request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .header(SlackSignature.TIMESTAMP, timestamp)
                .header(SlackSignature.SIGNATURE, SlackSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retryNum > 0) {
            request.header("X-Slack-Retry-Num", Integer.toString(retryNum));
            request.header("X-Slack-Retry-Reason", "http_timeout");
        }
        var started = System.nanoTime();
        SlackDelivery delivery;
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            delivery =
                    new SlackDelivery(kind, eventId, body, retryNum, response.statusCode(), response.body(), elapsed);
        } catch (IOException e) {
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            delivery = new SlackDelivery(kind, eventId, body, retryNum, 0, e.toString(), elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + kind + " to " + uri, e);
        }
        synchronized (sent) {
            if (sent.size() >= SlackWorkspace.MAX_RECORDS) {
                throw new IllegalStateException(
                        "the fake Slack keeps at most " + SlackWorkspace.MAX_RECORDS + " deliveries");
            }
            sent.add(delivery);
        }
        return delivery;
    }

    List<SlackDelivery> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Stops the client, abandoning requests in flight. */
    void close() {
        http.shutdownNow();
    }
}
