package io.codinspect.model.event;

/** A prompt was cancelled while queued, or stopped while running. */
public record PromptCancelled(String promptId, String reason) implements SessionEvent {}
