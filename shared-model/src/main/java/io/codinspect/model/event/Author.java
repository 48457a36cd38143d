package io.codinspect.model.event;

/** Who wrote a prompt: enough to show them and to attribute their commits. */
public record Author(String id, String name, String login, String email) {}
