package io.codinspect.controlplane.system;

import org.springframework.http.HttpStatus;

/**
 * A lifecycle was asked to move where it may not. Callers check the state first, so reaching this
 * means a race between two requests (409) or a bug; it is never silently ignored.
 */
public class IllegalTransitionException extends ControlPlaneException {

    public IllegalTransitionException(String entity, Object id, Enum<?> from, Enum<?> to) {
        super(
                HttpStatus.CONFLICT,
                "Illegal state transition",
                "%s %s cannot go from %s to %s".formatted(entity, id, from, to));
    }
}
