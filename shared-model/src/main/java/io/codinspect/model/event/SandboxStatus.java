package io.codinspect.model.event;

/**
 * A change in the sandbox's life: spawn requested, a boot phase done (with its duration), connected,
 * disconnected, lost, stopped.
 *
 * @param status short machine word, e.g. {@code spawning}, {@code phase}, {@code connected}
 * @param phase boot phase name when {@code status} is {@code phase}, e.g. {@code clone}
 * @param durationMs how long the phase took, when known
 * @param message plain words for people
 */
public record SandboxStatus(String sandboxId, String status, String phase, Long durationMs, String message)
        implements SessionEvent {

    @Override
    public String promptId() {
        return null;
    }
}
