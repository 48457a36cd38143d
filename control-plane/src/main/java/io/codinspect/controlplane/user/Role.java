package io.codinspect.controlplane.user;

/** What a user may do beyond working in sessions. */
public enum Role {
    admin,
    user
}
