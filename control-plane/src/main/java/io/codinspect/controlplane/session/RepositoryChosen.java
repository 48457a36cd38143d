package io.codinspect.controlplane.session;

import java.util.UUID;

/** A session that awaited its repository got one: its held prompts may start. */
public record RepositoryChosen(UUID sessionId) {}
