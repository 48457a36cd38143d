package io.codinspect.controlplane.session;

import io.codinspect.controlplane.github.GitHubProperties;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Sessions. */
@RestController
@RequestMapping("/api/sessions")
@Validated
class SessionController {

    record SessionPage(List<Session> items, int page, int size, long totalItems, int totalPages) {}

    /**
     * Changes to a session: its title; for a session awaiting its repository, the repository (and
     * base branch); for the bot that created it, its bot data.
     */
    record SessionPatch(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String title,

            @Size(max = 2000) String repository,

            @Size(max = 250) @Pattern(regexp = "[A-Za-z0-9._][A-Za-z0-9._/-]*", message = "is not a valid branch name")
            String baseBranch,

            JsonNode botData) {}

    private final SessionManagement sessions;
    private final SessionStarts starts;
    private final String publicUrl;

    SessionController(SessionManagement sessions, SessionStarts starts, GitHubProperties github) {
        this.sessions = sessions;
        this.starts = starts;
        this.publicUrl = github.publicUrl();
    }

    /** 201 with the new session, or 200 with the one that already had the request's external key. */
    @PostMapping
    ResponseEntity<Session> create(@AuthenticationPrincipal CurrentUser actor, @Valid @RequestBody NewSession body) {
        var answer = starts.start(actor, body);
        return ResponseEntity.status(answer.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer.session().as(actor, publicUrl));
    }

    @GetMapping("/lookup")
    Session lookup(
            @AuthenticationPrincipal CurrentUser actor, @RequestParam @NotBlank @Size(max = 200) String externalKey) {
        return sessions.byExternalKey(externalKey)
                .map(s -> s.as(actor, publicUrl))
                .orElseThrow(() -> new ControlPlaneException(
                        HttpStatus.NOT_FOUND, "session not found", "No session has this external key."));
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
        return new SessionPage(
                result.getContent().stream().map(s -> s.as(actor, publicUrl)).toList(),
                page,
                size,
                result.getTotalElements(),
                result.getTotalPages());
    }

    @GetMapping("/{id}")
    Session get(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return sessions.get(id).as(actor, publicUrl);
    }

    @PatchMapping("/{id}")
    Session patch(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id, @Valid @RequestBody SessionPatch body) {
        if (body.title() == null && body.repository() == null && body.botData() == null) {
            throw ControlPlaneException.badRequest("Send a title, a repository or botData to change.");
        }
        if (body.baseBranch() != null && body.repository() == null) {
            throw ControlPlaneException.badRequest("A baseBranch is set together with the repository.");
        }
        return sessions.change(actor, id, body.title(), body.repository(), body.baseBranch(), body.botData())
                .as(actor, publicUrl);
    }

    @PostMapping("/{id}/archive")
    Session archive(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return sessions.archive(id).as(actor, publicUrl);
    }

    @PostMapping("/{id}/unarchive")
    Session unarchive(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return sessions.unarchive(id).as(actor, publicUrl);
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
