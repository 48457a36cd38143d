package io.codinspect.controlplane.system;

/** A lifecycle enum that owns its allowed transitions. */
public interface Lifecycle<S extends Enum<S> & Lifecycle<S>> {

    /** Whether this state may move to {@code next}. */
    boolean canBecome(S next);

    /**
     * Returns {@code next} if this state may move there.
     *
     * @throws IllegalTransitionException otherwise
     */
    @SuppressWarnings("unchecked")
    default S moveTo(S next, String entity, Object id) {
        if (!canBecome(next)) {
            throw new IllegalTransitionException(entity, id, (Enum<?>) this, next);
        }
        return next;
    }
}
