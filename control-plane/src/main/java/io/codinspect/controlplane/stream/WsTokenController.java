package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.CurrentUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Issues the ws-token a watcher sends in its hello on {@code /api/sessions/{id}/ws}. */
@RestController
class WsTokenController {

    private final WsTokens tokens;
    private final SessionManagement sessions;

    WsTokenController(WsTokens tokens, SessionManagement sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @PostMapping("/api/sessions/{id}/ws-token")
    @ResponseStatus(HttpStatus.CREATED)
    WsTokens.Minted mint(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        sessions.get(id);
        return tokens.mint(id, user);
    }
}
