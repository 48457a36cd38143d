package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

/** A user's API tokens. */
@RestController
@RequestMapping("/api/users/{id}/tokens")
class TokenController {

    /** {@code expiresAt}: an ISO-8601 instant, or absent for a token that never expires. */
    record NewToken(@NotBlank @Size(max = 100) String name, Instant expiresAt) {}

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MintedToken mint(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id, @Valid @RequestBody NewToken body) {
        return tokens.mint(actor, id, body.name(), body.expiresAt());
    }

    @GetMapping
    List<TokenInfo> list(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return tokens.list(actor, id);
    }

    @DeleteMapping("/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id, @PathVariable UUID tokenId) {
        tokens.revoke(actor, id, tokenId);
    }
}
