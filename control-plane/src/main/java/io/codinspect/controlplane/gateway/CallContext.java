package io.codinspect.controlplane.gateway;

import java.util.UUID;

/** Who a model call is for: the sandbox's session and the prompt running in it, if any. */
record CallContext(UUID sessionId, UUID sandboxId, UUID promptId, UUID userId, String repository) {}
