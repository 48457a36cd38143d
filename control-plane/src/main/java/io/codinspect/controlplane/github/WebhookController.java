package io.codinspect.controlplane.github;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Where GitHub delivers the App's webhooks. */
@RestController
class WebhookController {

    private final GitHubWebhooks webhooks;

    WebhookController(GitHubWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/github")
    Map<String, String> deliver(
            @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
            @RequestHeader(value = "X-GitHub-Delivery", required = false) String delivery,
            @RequestHeader(value = "X-GitHub-Event", required = false) String event,
            @RequestBody byte[] body) {
        webhooks.verify(body, signature);
        return Map.of("outcome", webhooks.handle(delivery, event, body).name());
    }
}
