package io.codinspect.model.event;

/** Where a tool call is in its life. */
public enum ToolStatus {
    pending,
    running,
    completed,
    error
}
