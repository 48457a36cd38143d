package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is. */
@RestController
class MeController {

    private final UserManagement users;

    MeController(UserManagement users) {
        this.users = users;
    }

    @GetMapping("/api/me")
    User me(@AuthenticationPrincipal CurrentUser actor) {
        return users.get(actor.id());
    }
}
