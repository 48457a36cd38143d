package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A change in the sandbox's life: spawn requested, a boot phase done (with its duration), connected,
 * disconnected, lost, stopped.
 *
 * @param status short machine word, e.g. {@code spawning}, {@code phase}, {@code connected}
 * @param phase boot phase name when {@code status} is {@code phase}, e.g. {@code clone}
 * @param durationMs how long the phase took, when known
 * @param message plain words for people
 * @param truncated whether {@code message} was cut to fit the event size limit; left out of the
 *     JSON when false
 */
public record SandboxStatus(
        String sandboxId,
        String status,
        String phase,
        Long durationMs,
        String message,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated)
        implements SessionEvent {

    public SandboxStatus(String sandboxId, String status, String phase, Long durationMs, String message) {
        this(sandboxId, status, phase, durationMs, message, false);
    }

    @Override
    public String promptId() {
        return null;
    }
}
