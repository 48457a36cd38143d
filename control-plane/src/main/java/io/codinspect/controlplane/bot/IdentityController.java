package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.system.BotCaller;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A bot resolving the people it acts for. */
@RestController
class IdentityController {

    private final Identities identities;

    IdentityController(Identities identities) {
        this.identities = identities;
    }

    @PostMapping("/api/bot/identities/resolve")
    ResolvedIdentity resolve(@AuthenticationPrincipal BotCaller bot, @Valid @RequestBody IdentityClaim claim) {
        return identities.resolve(bot, claim);
    }
}
