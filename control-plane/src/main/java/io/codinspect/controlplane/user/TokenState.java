package io.codinspect.controlplane.user;

/** Whether an API token still lets its holder in, and if not, why. */
public enum TokenState {
    active,
    revoked,
    expired,
    /** The token is fine but its user is disabled. */
    userDisabled,
    unknown
}
