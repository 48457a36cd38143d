package io.codinspect.controlplane.notification;

import io.codinspect.controlplane.system.BotCaller;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A bot's notification subscriptions. */
@RestController
@RequestMapping("/api/bot/subscriptions")
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Subscription subscribe(@AuthenticationPrincipal BotCaller bot, @RequestBody Subscriptions.NewSubscription body) {
        return subscriptions.subscribe(bot, body);
    }

    @GetMapping
    List<Subscription> list(@AuthenticationPrincipal BotCaller bot) {
        return subscriptions.list(bot);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsubscribe(@AuthenticationPrincipal BotCaller bot, @PathVariable UUID id) {
        subscriptions.unsubscribe(bot, id);
    }
}
