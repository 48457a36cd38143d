package io.codinspect.client;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A service account's subscription of a callback URL to kinds of notifications about the
 * sessions it created (docs/bots.md, "Notifications").
 *
 * @param kinds among {@link Notification#PROMPT_STARTED}, {@link Notification#PROMPT_FINISHED},
 *     {@link Notification#PULL_REQUEST}, {@link Notification#PROMPT_PROGRESS}
 * @param secret the signing secret ({@code whsec_…}) for {@link NotificationVerifier}; answered
 *     only by {@link CodInspectClient#subscribe}, null in {@link CodInspectClient#subscriptions()}
 */
public record Subscription(UUID id, URI url, Set<String> kinds, String secret, Instant createdAt) {

    public Subscription {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "Subscription[id=" + id + ", url=" + url + ", kinds=" + kinds + ", createdAt=" + createdAt + "]";
    }
}
