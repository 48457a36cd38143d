package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.Lifecycle;

/**
 * A session's life: {@code awaiting_repository} while a bot still asks its person which repository
 * (holding its first prompt), {@code created} until its first prompt runs, then {@code running} while a
 * prompt runs and {@code idle} between prompts; {@code archived} hides it and refuses new prompts
 * until it is unarchived.
 */
public enum SessionStatus implements Lifecycle<SessionStatus> {
    awaiting_repository,
    created,
    running,
    idle,
    archived;

    @Override
    public boolean canBecome(SessionStatus next) {
        return switch (this) {
            case awaiting_repository -> next == created || next == archived;
            case created -> next == running || next == archived;
            case running -> next == idle;
            case idle -> next == running || next == archived;
            case archived -> next == idle;
        };
    }
}
