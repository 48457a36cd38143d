package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
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

/** A session's prompt queue. */
@RestController
@RequestMapping("/api/sessions/{sessionId}")
class PromptController {

    private final PromptQueue queue;

    PromptController(PromptQueue queue) {
        this.queue = queue;
    }

    @PostMapping("/prompts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Prompt enqueue(
            @AuthenticationPrincipal CurrentUser author,
            @PathVariable UUID sessionId,
            @Valid @RequestBody NewPrompt body) {
        return queue.enqueue(author, sessionId, body);
    }

    @GetMapping("/prompts")
    List<Prompt> list(@PathVariable UUID sessionId) {
        return queue.list(sessionId);
    }

    @GetMapping("/prompts/{promptId}")
    Prompt get(@PathVariable UUID sessionId, @PathVariable UUID promptId) {
        return queue.get(sessionId, promptId);
    }

    @PostMapping("/prompts/{promptId}/cancel")
    Prompt cancel(@PathVariable UUID sessionId, @PathVariable UUID promptId) {
        return queue.cancel(sessionId, promptId);
    }

    @PostMapping("/stop")
    Prompt stop(@PathVariable UUID sessionId) {
        return queue.stop(sessionId);
    }
}
