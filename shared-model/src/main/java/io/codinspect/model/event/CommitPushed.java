package io.codinspect.model.event;

/** The sandbox committed a prompt's work and pushed it to the session branch. */
public record CommitPushed(String promptId, String sha, String branch) implements SessionEvent {}
