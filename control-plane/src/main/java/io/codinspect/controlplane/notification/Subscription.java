package io.codinspect.controlplane.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service account's callback URL and the kinds of happenings sent to it.
 *
 * @param secret the signing secret, only in the answer that creates or renews the subscription
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(UUID id, String url, List<String> kinds, String secret, Instant createdAt) {}
