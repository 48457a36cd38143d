package io.codinspect.controlplane.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.controlplane.prompt.PromptStatus;
import io.codinspect.controlplane.sandbox.SandboxState;
import io.codinspect.controlplane.session.SessionStatus;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void finishedPromptsNeverMoveAgain() {
        for (var finished : new PromptStatus[] {PromptStatus.completed, PromptStatus.failed, PromptStatus.cancelled}) {
            for (var next : PromptStatus.values()) {
                assertThat(finished.canBecome(next))
                        .as("%s -> %s", finished, next)
                        .isFalse();
            }
        }
    }

    @Test
    void aQueuedPromptCannotCompleteWithoutRunning() {
        assertThatThrownBy(() -> PromptStatus.queued.moveTo(PromptStatus.completed, "Prompt", "p1"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("queued to completed");
    }

    @Test
    void aRunningSessionCannotBeArchivedButAnIdleOneCan() {
        assertThat(SessionStatus.running.canBecome(SessionStatus.archived)).isFalse();
        assertThat(SessionStatus.idle.moveTo(SessionStatus.archived, "Session", "s"))
                .isEqualTo(SessionStatus.archived);
        assertThat(SessionStatus.archived.canBecome(SessionStatus.running)).isFalse();
    }

    @Test
    void endedSandboxesStayEnded() {
        for (var ended : new SandboxState[] {SandboxState.stopped, SandboxState.lost, SandboxState.failed}) {
            assertThat(ended.live()).isFalse();
            for (var next : SandboxState.values()) {
                assertThat(ended.canBecome(next)).isFalse();
            }
        }
        assertThat(SandboxState.disconnected.canBecome(SandboxState.connected)).isTrue();
    }
}
