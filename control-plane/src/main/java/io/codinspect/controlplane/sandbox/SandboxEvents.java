package io.codinspect.controlplane.sandbox;

import java.time.Instant;
import java.util.UUID;

/** What happens to sandboxes, published for the features whose state depends on it. */
public final class SandboxEvents {

    private SandboxEvents() {}

    /**
     * The sandbox's bridge said hello. Published after commit.
     *
     * @param activePromptId the prompt the sandbox says it is running
     * @param lastPromptId the last prompt the sandbox accepted
     * @param at when the hello was recorded: prompts started before it were sent on an older
     *     connection and may need sending again
     */
    public record Connected(UUID sessionId, UUID sandboxId, String activePromptId, String lastPromptId, Instant at) {}

    /**
     * The sandbox is gone for good (lost, failed or stopped). Published inside the transaction.
     *
     * @param neverReady it never became ready: it ended before its bridge said hello, or its boot
     *     failed; it never ran anything
     */
    public record Ended(UUID sessionId, UUID sandboxId, SandboxState state, String reason, boolean neverReady) {}
}
