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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

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
        return queue.enqueue(author, sessionId, body).as(author);
    }

    @GetMapping("/prompts")
    List<Prompt> list(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID sessionId) {
        return queue.list(sessionId).stream().map(p -> p.as(actor)).toList();
    }

    @GetMapping("/prompts/{promptId}")
    Prompt get(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID sessionId, @PathVariable UUID promptId) {
        return queue.get(sessionId, promptId).as(actor);
    }

    @PutMapping("/prompts/{promptId}/bot-data")
    Prompt keepBotData(
            @AuthenticationPrincipal CurrentUser actor,
            @PathVariable UUID sessionId,
            @PathVariable UUID promptId,
            @RequestBody JsonNode botData) {
        return queue.keepBotData(actor, sessionId, promptId, botData).as(actor);
    }

    @PostMapping("/prompts/{promptId}/cancel")
    Prompt cancel(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID sessionId, @PathVariable UUID promptId) {
        return queue.cancel(sessionId, promptId).as(actor);
    }

    @PostMapping("/stop")
    Prompt stop(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID sessionId) {
        return queue.stop(sessionId).as(actor);
    }
}
