package io.codinspect.model.stream;

/** Whether a watcher is looking at the session right now. */
public enum PresenceState {
    active,
    idle
}
