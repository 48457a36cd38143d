package io.codinspect.bench.chaos;

/** The kinds of fault the chaos run injects, and what each does. */
enum Fault {
    /** The bridge's network drops every connection for 0.3–2 s, and refuses new ones meanwhile. */
    bridgeCut,
    /** The bridge's network carries nothing either way for 20–40 s, without closing anything. */
    bridgeStall,
    /** A watcher's socket is cut; it reconnects and resumes from its last seq. */
    watcherDrop,
    /** A session's supervisor is killed with SIGKILL in the middle of whatever it does. */
    supervisorKill,
    /** The control plane is stopped with SIGTERM and started again. */
    controlPlaneTerm,
    /** The control plane is killed with SIGKILL and started again. */
    controlPlaneKill,
    /** Every database connection of the control plane is terminated by PostgreSQL. */
    databaseDrop
}
