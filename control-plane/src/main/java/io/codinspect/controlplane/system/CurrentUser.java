package io.codinspect.controlplane.system;

import java.util.UUID;

/** The authenticated caller of an API request or WebSocket. */
public record CurrentUser(UUID id, String name, String login, String email, boolean admin) {}
