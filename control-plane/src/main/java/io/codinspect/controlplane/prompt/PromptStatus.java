package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.system.Lifecycle;

/** A prompt's life in its session's queue. */
public enum PromptStatus implements Lifecycle<PromptStatus> {
    queued,
    running,
    completed,
    failed,
    cancelled;

    @Override
    public boolean canBecome(PromptStatus next) {
        return switch (this) {
            case queued -> next == running || next == cancelled || next == failed;
            case running -> next == completed || next == failed || next == cancelled;
            case completed, failed, cancelled -> false;
        };
    }

    public boolean finished() {
        return this != queued && this != running;
    }
}
