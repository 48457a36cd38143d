package io.codinspect.controlplane.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** POSTs one signed delivery to a subscriber and says how it went. */
@Component
class Deliveries {

    /** How one attempt went; {@code problem} says why it failed, in words fit for the log. */
    record Attempt(boolean delivered, String problem) {}

    private final HttpClient http;
    private final NotificationsProperties properties;
    private final Clock clock;

    Deliveries(NotificationsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Attempt send(UUID deliveryId, String url, String secret, String payload) {
        var body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "CodInspect-Notifications")
                .header("CodInspect-Delivery", deliveryId.toString())
                .header("CodInspect-Timestamp", Long.toString(timestamp))
                .header("CodInspect-Signature", io.codinspect.client.NotificationVerifier.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Attempt(true, null)
                    : new Attempt(false, "the subscriber answered " + status);
        } catch (IOException e) {
            return new Attempt(
                    false,
                    "the subscriber could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        } catch (IllegalArgumentException e) {
            return new Attempt(false, "the URL is not usable");
        }
    }
}
