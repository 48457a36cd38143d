package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** How many prompts run across the deployment, and how many wait for a place under the limit. */
@Component
public class PromptLoad {

    /**
     * @param admitted running, or admitted and about to run: what the concurrency limit counts
     * @param waiting queued and held back by a limit
     */
    public record Load(long admitted, long waiting) {}

    private final PromptRepository prompts;

    PromptLoad(PromptRepository prompts) {
        this.prompts = prompts;
    }

    @Transactional(readOnly = true)
    public Load current() {
        return new Load(prompts.countAdmitted(), prompts.countWaiting());
    }
}
