package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is. */
@RestController
class MeController {

    private final UserManagement users;
    private final UserPreferences preferences;

    MeController(UserManagement users, UserPreferences preferences) {
        this.users = users;
        this.preferences = preferences;
    }

    @GetMapping("/api/me/preferences")
    Preferences preferences(@AuthenticationPrincipal CurrentUser actor) {
        return preferences.of(actor.id());
    }

    @PutMapping("/api/me/preferences")
    Preferences setPreferences(@AuthenticationPrincipal CurrentUser actor, @Valid @RequestBody Preferences wanted) {
        return preferences.set(actor.id(), wanted);
    }

    @GetMapping("/api/me")
    User me(@AuthenticationPrincipal CurrentUser actor) {
        return users.get(actor.id());
    }
}
