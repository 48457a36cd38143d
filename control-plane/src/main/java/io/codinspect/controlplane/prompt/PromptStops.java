package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptRepository;
import io.codinspect.controlplane.sandbox.PendingStops;
import io.codinspect.model.bridge.ControlMessage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Running prompts asked to stop, for the sandbox's welcome: a stop sent while its bridge was down still arrives. */
@Component
class PromptStops implements PendingStops {

    private final PromptRepository prompts;

    PromptStops(PromptRepository prompts) {
        this.prompts = prompts;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ControlMessage.Stop> of(UUID sandboxId) {
        return prompts.findBySandboxIdAndStatusAndStopRequestedAtNotNull(sandboxId, PromptStatus.running).stream()
                .map(p -> new ControlMessage.Stop(p.id().toString(), p.stopReason()))
                .toList();
    }
}
