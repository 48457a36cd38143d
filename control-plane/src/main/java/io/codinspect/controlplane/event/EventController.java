package io.codinspect.controlplane.event;

import io.codinspect.controlplane.session.SessionManagement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A session's stored timeline, page by page: {@code {"events": [...], "hasMore": bool}}. */
@RestController
@Validated
class EventController {

    private final EventHistory history;
    private final SessionManagement sessions;

    EventController(EventHistory history, SessionManagement sessions) {
        this.history = history;
        this.sessions = sessions;
    }

    @GetMapping(value = "/api/sessions/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    String events(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        sessions.get(id);
        var page = history.after(id, after, limit + 1);
        var hasMore = page.size() > limit;
        var out = new StringBuilder(64 + page.size() * 256).append("{\"events\":[");
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(page.get(i).json());
        }
        return out.append("],\"hasMore\":").append(hasMore).append('}').toString();
    }
}
