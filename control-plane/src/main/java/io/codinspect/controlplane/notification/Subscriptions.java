package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.notification.internal.OutboxStore;
import io.codinspect.controlplane.notification.internal.SubscriptionStore;
import io.codinspect.controlplane.system.BotCaller;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Service accounts' subscriptions of callback URLs to kinds of happenings of the sessions they created. */
@Service
public class Subscriptions {

    /** What a bot asks to be sent, and where. */
    public record NewSubscription(String url, List<String> kinds) {}

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_URL = 2000;
    private static final Duration NEW_SECRET_GRACE = Duration.ofSeconds(2);

    private final SubscriptionStore store;
    private final OutboxStore outbox;
    private final Clock clock;

    Subscriptions(SubscriptionStore store, OutboxStore outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Subscribes {@code request.url()}, or renews the account's subscription of that URL: its kinds
     * are replaced and a new secret answered (shown this once), and its waiting deliveries are due
     * in {@link #NEW_SECRET_GRACE}: a bot subscribes when it starts, so one that was down need not wait
     * out the backoff.
     */
    @Transactional
    public Subscription subscribe(BotCaller bot, NewSubscription request) {
        var url = checkedUrl(request.url());
        var kinds = checkedKinds(request.kinds());
        var secret = Secrets.generate(SECRET_PREFIX);
        var row = store.upsert(bot.serviceAccountId(), url, kinds, secret, clock.instant());
        // not at once: the subscriber must first take in the new secret from this answer
        var due = outbox.dueAt(row.id(), clock.instant().plus(NEW_SECRET_GRACE));
        log.info(
                "Subscription {} of account={} to {} at {} ({} waiting deliveries due in {})",
                row.id(),
                bot.name(),
                kinds,
                url,
                due,
                NEW_SECRET_GRACE);
        return new Subscription(row.id(), row.url(), row.kinds(), secret, row.createdAt());
    }

    @Transactional(readOnly = true)
    public List<Subscription> list(BotCaller bot) {
        return store.ofAccount(bot.serviceAccountId()).stream()
                .map(row -> new Subscription(row.id(), row.url(), row.kinds(), null, row.createdAt()))
                .toList();
    }

    @Transactional
    public void unsubscribe(BotCaller bot, UUID id) {
        if (!store.delete(bot.serviceAccountId(), id)) {
            throw ControlPlaneException.notFound("subscription", id);
        }
        log.info("Subscription {} of account={} deleted", id, bot.name());
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw ControlPlaneException.badRequest(
                    "url is required: an http(s) URL of at most " + MAX_URL + " characters.");
        }
        try {
            var uri = new URI(url);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw ControlPlaneException.badRequest(
                        "url must be an http(s) URL with a host and without credentials, not '" + url + "'.");
            }
        } catch (URISyntaxException e) {
            throw ControlPlaneException.badRequest("url is not a URL: " + e.getReason() + ".");
        }
        return url;
    }

    private static List<String> checkedKinds(List<String> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            throw ControlPlaneException.badRequest("kinds is required: some of " + Kinds.ALL + ".");
        }
        var unique = new LinkedHashSet<String>();
        for (var kind : kinds) {
            if (!Kinds.ALL.contains(kind)) {
                throw ControlPlaneException.badRequest("Unknown kind '" + kind + "'; kinds are " + Kinds.ALL + ".");
            }
            unique.add(kind);
        }
        return List.copyOf(unique);
    }
}
