package io.codinspect.model.event;

/** The control plane handed a prompt to a sandbox. */
public record PromptStarted(String promptId, String sandboxId) implements SessionEvent {}
