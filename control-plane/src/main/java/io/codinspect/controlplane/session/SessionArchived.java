package io.codinspect.controlplane.session;

import java.util.UUID;

/** Published inside the transaction that archives a session. */
public record SessionArchived(UUID sessionId, String repository) {}
