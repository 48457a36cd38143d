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

/**
 * A session's stored timeline, page by page: {@code {"events": [...], "hasMore": bool}}. A page
 * ends at {@code limit} events or at {@code codinspect.events.page-bytes}, whichever comes first.
 */
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
        var page = history.page(id, after, limit);
        var events = page.events();
        int size = events.stream().mapToInt(e -> e.json().length()).sum();
        var out = new StringBuilder(64 + size + events.size()).append("{\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(events.get(i).json());
        }
        return out.append("],\"hasMore\":").append(page.hasMore()).append('}').toString();
    }
}
