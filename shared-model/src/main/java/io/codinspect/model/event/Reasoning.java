package io.codinspect.model.event;

/** The final text of one reasoning part. */
public record Reasoning(String promptId, String partId, String text) implements SessionEvent {}
