package io.codinspect.controlplane.user;

import java.time.Instant;
import java.util.UUID;

/** A person (or bot identity) who can use CodInspect. */
public record User(UUID id, String name, String email, String login, Role role, Instant createdAt) {}
