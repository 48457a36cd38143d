package io.codinspect.model.event;

/** The agent finished a prompt's turn. */
public record PromptCompleted(String promptId) implements SessionEvent {}
