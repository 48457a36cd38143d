package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sessions. */
@RestController
@RequestMapping("/api/sessions")
@Validated
class SessionController {

    record SessionPage(List<Session> items, int page, int size, long totalItems, int totalPages) {}

    record SessionPatch(@NotBlank @Size(max = 200) String title) {}

    private final SessionManagement sessions;

    SessionController(SessionManagement sessions) {
        this.sessions = sessions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Session create(@AuthenticationPrincipal CurrentUser actor, @Valid @RequestBody NewSession body) {
        return sessions.create(actor, body);
    }

    /**
     * Sessions, newest first. Archived sessions are listed only with {@code status=archived};
     * {@code createdBy=me} means the caller; {@code q} matches title or repository, ignoring case.
     */
    @GetMapping
    SessionPage list(
            @AuthenticationPrincipal CurrentUser actor,
            @RequestParam(required = false) SessionStatus status,
            @RequestParam(required = false) String createdBy,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        UUID creator = createdBy == null ? null : "me".equals(createdBy) ? actor.id() : parse(createdBy);
        var result = sessions.list(status, creator, q, page, size);
        return new SessionPage(result.getContent(), page, size, result.getTotalElements(), result.getTotalPages());
    }

    @GetMapping("/{id}")
    Session get(@PathVariable UUID id) {
        return sessions.get(id);
    }

    @PatchMapping("/{id}")
    Session patch(@PathVariable UUID id, @Valid @RequestBody SessionPatch body) {
        return sessions.rename(id, body.title());
    }

    @PostMapping("/{id}/archive")
    Session archive(@PathVariable UUID id) {
        return sessions.archive(id);
    }

    @PostMapping("/{id}/unarchive")
    Session unarchive(@PathVariable UUID id) {
        return sessions.unarchive(id);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw io.codinspect.controlplane.system.ControlPlaneException.badRequest(
                    "createdBy must be a user id or 'me'");
        }
    }
}
