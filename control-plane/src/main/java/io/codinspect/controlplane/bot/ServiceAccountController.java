package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.system.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Bots' service accounts, managed by admins. */
@RestController
@RequestMapping("/api/service-accounts")
class ServiceAccountController {

    record NewServiceAccount(String name) {}

    private final ServiceAccounts accounts;

    ServiceAccountController(ServiceAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<ServiceAccount> list(@AuthenticationPrincipal CurrentUser actor) {
        return accounts.list(actor);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ServiceAccount create(@AuthenticationPrincipal CurrentUser actor, @RequestBody NewServiceAccount body) {
        return accounts.create(actor, body.name());
    }

    @PostMapping("/{id}/token")
    ServiceAccount rotate(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return accounts.rotate(actor, id);
    }

    @PostMapping("/{id}/disable")
    ServiceAccount disable(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return accounts.disable(actor, id);
    }

    @PostMapping("/{id}/enable")
    ServiceAccount enable(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return accounts.enable(actor, id);
    }
}
