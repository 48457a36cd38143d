package io.codinspect.controlplane.egress;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** How many proxy connections each sandbox has open, capped; a sandbox with none takes no memory. */
final class SandboxSlots {

    private final int max;
    private final Map<UUID, Integer> open = new HashMap<>();

    SandboxSlots(int max) {
        this.max = max;
    }

    synchronized boolean tryAcquire(UUID sandboxId) {
        int current = open.getOrDefault(sandboxId, 0);
        if (current >= max) {
            return false;
        }
        open.put(sandboxId, current + 1);
        return true;
    }

    synchronized void release(UUID sandboxId) {
        open.computeIfPresent(sandboxId, (id, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int openOf(UUID sandboxId) {
        return open.getOrDefault(sandboxId, 0);
    }
}
