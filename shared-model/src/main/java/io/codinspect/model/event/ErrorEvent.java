package io.codinspect.model.event;

/** Something failed; {@code message} says what in plain words. */
public record ErrorEvent(String promptId, String message) implements SessionEvent {}
