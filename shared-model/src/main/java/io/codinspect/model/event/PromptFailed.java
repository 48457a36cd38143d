package io.codinspect.model.event;

/** A prompt's turn ended in failure; {@code error} says why in plain words. */
public record PromptFailed(String promptId, String error) implements SessionEvent {}
