package io.codinspect.slackbot;

import io.codinspect.client.CodInspectClient;
import io.codinspect.client.CodInspectUnreachable;
import io.codinspect.client.Notification;
import io.codinspect.client.NotificationVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The bot's subscription to the control plane's notifications about the sessions it created:
 * subscribed (or renewed, with a new secret) at start, before the bot reports itself ready, and
 * kept only in memory — the control plane holds the subscription and its outbox.
 */
@Component
class Notifications implements ApplicationRunner {

    static final String PATH = "/codinspect/notifications";
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final CodInspectClient client;
    private final URI callback;
    private final AtomicReference<NotificationVerifier> verifier = new AtomicReference<>();

    Notifications(CodInspectClient client, SlackBotProperties properties) {
        this.client = client;
        this.callback = URI.create(properties.publicUrl().toString().replaceAll("/+$", "") + PATH);
    }

    /** Subscribes, trying until the control plane answers; the bot is ready only then. */
    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        var wait = Duration.ofMillis(500);
        while (true) {
            try {
                var subscription = client.subscribe(callback, Notification.KINDS);
                verifier.set(new NotificationVerifier(subscription.secret(), Clock.systemUTC()));
                log.info(
                        "Subscribed {} to the control plane's notifications (subscription={})",
                        callback,
                        subscription.id());
                return;
            } catch (CodInspectUnreachable e) {
                log.warn(
                        "The control plane cannot be reached to subscribe {}: {}; retrying in {}",
                        callback,
                        e.getMessage(),
                        wait);
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** The verifier of deliveries, or null before the subscription exists. */
    NotificationVerifier verifier() {
        return verifier.get();
    }
}
