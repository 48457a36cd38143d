package io.codinspect.slackbot;

import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.InvalidNotification;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /codinspect/notifications}: the control plane's signed deliveries, told in Slack
 * before answering, so a delivery is answered 2xx only once it was told (or need not be) and is
 * otherwise retried by the control plane's outbox. 401 for a bad signature or timestamp.
 */
@RestController
class NotificationsController {

    private static final Logger log = LoggerFactory.getLogger(NotificationsController.class);

    /** Far above the control plane's biggest notification (an answer is cut at its event's bound). */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final Notifications notifications;
    private final Replies replies;

    NotificationsController(Notifications notifications, Replies replies) {
        this.notifications = notifications;
        this.replies = replies;
    }

    @PostMapping(Notifications.PATH)
    ResponseEntity<?> deliver(HttpServletRequest request) throws IOException {
        var verifier = notifications.verifier();
        if (verifier == null) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not subscribed yet", "The bot is starting.");
        }
        byte[] body;
        try {
            body = RawBody.read(request, MAX_BODY);
        } catch (RawBody.TooLarge e) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", e.getMessage());
        }
        io.codinspect.client.Notification notification;
        try {
            notification = verifier.verify(request::getHeader, body);
        } catch (InvalidNotification e) {
            log.warn("Refused a notification: {}", e.getMessage());
            return problem(HttpStatus.UNAUTHORIZED, "Invalid notification", e.getMessage());
        }
        try {
            replies.on(notification);
            return ResponseEntity.noContent().build();
        } catch (RuntimeException e) {
            var session =
                    notification.session() != null ? notification.session().id() : null;
            if (!Replies.retryable(e)) {
                // the same failure every time: answered, so the outbox does not retry it for days
                log.error(
                        "Notification {} ({}) of session={} cannot be told: {}",
                        notification.deliveryId(),
                        notification.kind(),
                        session,
                        e.toString(),
                        e instanceof SlackApi.SlackFailure || e instanceof CodInspectProblem ? null : e);
                return ResponseEntity.noContent().build();
            }
            log.warn(
                    "Notification {} ({}) of session={} not told yet: {}",
                    notification.deliveryId(),
                    notification.kind(),
                    session,
                    e.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not told yet", "Retry later.");
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).body(problem);
    }
}
