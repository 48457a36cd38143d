package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.system.TransitionLog;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Moves prompts through their lifecycle, checking and recording every transition, and telling the
 * rest of the transaction ({@link PromptTransitioned}) when one starts or ends.
 */
@Component
class PromptTransitions {

    private final TransitionLog log;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    PromptTransitions(TransitionLog log, Clock clock, ApplicationEventPublisher publisher) {
        this.log = log;
        this.clock = clock;
        this.publisher = publisher;
    }

    void record(PromptEntity prompt, PromptStatus from, PromptStatus to, String reason) {
        log.record("prompt", prompt.id(), from, to, reason, clock.instant());
    }

    void start(PromptEntity prompt, UUID sandboxId) {
        var from = prompt.status();
        from.moveTo(PromptStatus.running, "Prompt", prompt.id());
        prompt.start(sandboxId, clock.instant());
        record(prompt, from, PromptStatus.running, null);
        publisher.publishEvent(new PromptTransitioned(prompt.sessionId(), prompt.id(), PromptStatus.running));
        if (PromptKind.review.name().equals(prompt.kind())) {
            publisher.publishEvent(new ReviewStarted(prompt.sessionId(), prompt.id(), sandboxId));
        }
    }

    void finish(PromptEntity prompt, PromptStatus to, String error) {
        var from = prompt.status();
        from.moveTo(to, "Prompt", prompt.id());
        prompt.finish(to, error, clock.instant());
        record(prompt, from, to, error);
        publisher.publishEvent(new PromptTransitioned(prompt.sessionId(), prompt.id(), to));
    }
}
