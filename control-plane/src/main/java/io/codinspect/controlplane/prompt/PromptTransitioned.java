package io.codinspect.controlplane.prompt;

import java.util.UUID;

/**
 * A prompt started running or ended. Published inside the transaction that made the change, so a
 * listener's writes (the notification outbox) commit or roll back with it.
 *
 * @param status the status the prompt moved to
 */
public record PromptTransitioned(UUID sessionId, UUID promptId, PromptStatus status) {

    public boolean started() {
        return status == PromptStatus.running;
    }
}
