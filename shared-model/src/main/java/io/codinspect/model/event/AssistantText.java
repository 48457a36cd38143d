package io.codinspect.model.event;

/** The final text of one assistant text part; live watchers saw it grow as deltas. */
public record AssistantText(String promptId, String partId, String text) implements SessionEvent {}
