package io.codinspect.model.event;

/** Something people should know that did not stop the work. */
public record Warning(String promptId, String message) implements SessionEvent {}
