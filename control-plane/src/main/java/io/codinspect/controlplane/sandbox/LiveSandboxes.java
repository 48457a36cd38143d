package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Whether a sandbox is still wanted: providers' reapers ask before deleting what they find. */
@Component
public class LiveSandboxes {

    private final SandboxRepository sandboxes;

    LiveSandboxes(SandboxRepository sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** True while the sandbox is requested, connected or briefly disconnected; false once it ended or if unknown. */
    @Transactional(readOnly = true)
    public boolean isLive(UUID sandboxId) {
        return sandboxes.findById(sandboxId).map(s -> s.status().live()).orElse(false);
    }
}
