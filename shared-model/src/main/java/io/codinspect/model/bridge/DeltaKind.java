package io.codinspect.model.bridge;

/** Which kind of part a text delta grows. */
public enum DeltaKind {
    text,
    reasoning
}
