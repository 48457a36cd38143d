package io.codinspect.client;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A prompt's life in its session's queue. A status this client does not know yet reads as
 * {@link #unknown}.
 */
public enum PromptStatus {
    queued,
    running,
    completed,
    failed,
    cancelled,
    /** A status added to the server after this client was built. */
    unknown;

    /** Whether the prompt has ended (completed, failed or cancelled). */
    public boolean finished() {
        return this == completed || this == failed || this == cancelled;
    }

    @JsonCreator
    static PromptStatus of(String value) {
        return Enums.of(PromptStatus.class, value, unknown);
    }
}
