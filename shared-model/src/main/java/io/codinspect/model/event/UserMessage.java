package io.codinspect.model.event;

/** A prompt as its author wrote it, recorded when it is queued. */
public record UserMessage(String promptId, Author author, String content, String model, String reasoningEffort)
        implements SessionEvent {}
