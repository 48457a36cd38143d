package io.codinspect.controlplane.github;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.github.internal.PullRequestRepository;
import io.codinspect.controlplane.github.internal.WebhookDeliveryRepository;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.PullRequestArtifact;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * GitHub webhook deliveries: signature checked in constant time ({@code X-Hub-Signature-256}),
 * each delivery id handled once, and {@code pull_request} events keeping the session's pull
 * request state current. A delivery older than what is known (by the pull request's
 * {@code updated_at}) changes nothing.
 */
@Service
public class GitHubWebhooks {

    /** What a delivery did. */
    public enum Outcome {
        applied,
        duplicate,
        stale,
        ignored
    }

    private static final Logger log = LoggerFactory.getLogger(GitHubWebhooks.class);

    private final GitHubProperties properties;
    private final WebhookDeliveryRepository deliveries;
    private final PullRequestRepository pullRequests;
    private final SessionManagement sessions;
    private final EventLog events;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    GitHubWebhooks(
            GitHubProperties properties,
            WebhookDeliveryRepository deliveries,
            PullRequestRepository pullRequests,
            SessionManagement sessions,
            EventLog events,
            Clock clock,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.properties = properties;
        this.deliveries = deliveries;
        this.pullRequests = pullRequests;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** Throws 401 unless {@code signature} is the HMAC-SHA256 of {@code body} with the webhook secret. */
    public void verify(byte[] body, String signature) {
        var secret = properties.webhookSecret();
        if (secret == null || secret.isBlank()) {
            throw new ControlPlaneException(
                    HttpStatus.SERVICE_UNAVAILABLE, "Webhooks are off", "codinspect.github.webhook-secret is not set.");
        }
        byte[] expected;
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var given = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ControlPlaneException(
                    HttpStatus.UNAUTHORIZED, "Bad signature", "X-Hub-Signature-256 does not match this delivery.");
        }
    }

    /** Handles a verified delivery, once per delivery id. */
    @Transactional
    public Outcome handle(String deliveryId, String event, byte[] body) {
        if (deliveryId == null || deliveryId.isBlank()) {
            throw ControlPlaneException.badRequest("X-GitHub-Delivery is missing");
        }
        if (deliveries.record(deliveryId, clock.instant()) == 0) {
            return Outcome.duplicate;
        }
        if (!"pull_request".equals(event)) {
            return Outcome.ignored;
        }
        var payload = EventCodec.mapper().readTree(body);
        var pull = payload.path("pull_request");
        var repository = payload.path("repository").path("full_name").asString("");
        var stored = pullRequests.findByRepositoryAndNumber(
                repository, pull.path("number").asInt());
        if (stored.isEmpty()) {
            return Outcome.ignored;
        }
        var updatedAt =
                Instant.parse(pull.path("updated_at").asString(clock.instant().toString()));
        var entity = stored.get();
        sessions.lockSession(entity.sessionId());
        if (updatedAt.isBefore(entity.updatedAt())) {
            log.info("Ignoring a stale pull_request delivery={} for {}#{}", deliveryId, repository, entity.number());
            return Outcome.stale;
        }
        var state = state(pull);
        entity.update(state, updatedAt);
        var session = sessions.get(entity.sessionId());
        events.append(
                entity.sessionId(),
                new PullRequestArtifact(
                        null, entity.number(), entity.url(), state, session.branch(), entity.openedBy()));
        publisher.publishEvent(new PullRequestChanged(entity.sessionId(), entity.number(), entity.url(), state));
        log.info("Pull request {}#{} of session={} is {}", repository, entity.number(), entity.sessionId(), state);
        return Outcome.applied;
    }

    private static String state(JsonNode pull) {
        return PullRequestState.of(
                pull.path("merged").asBoolean(false),
                "closed".equals(pull.path("state").asString()),
                pull.path("draft").asBoolean(false));
    }
}
