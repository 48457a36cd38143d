package io.codinspect.model.event;

/**
 * Everything that happens in a session, as stored in its timeline and sent to watchers.
 *
 * <p>The family is sealed so that a new kind is handled everywhere the compiler can see. Events are
 * written to JSON by {@link EventCodec} as a flat object whose {@code type} field names the kind;
 * kinds unknown to this version are kept as {@link UnknownEvent} rather than dropped.
 */
public sealed interface SessionEvent
        permits UserMessage,
                SandboxStatus,
                AssistantText,
                Reasoning,
                ToolCall,
                StepFinished,
                PromptStarted,
                PromptCompleted,
                PromptFailed,
                PromptCancelled,
                CommitPushed,
                PullRequestArtifact,
                Warning,
                ErrorEvent,
                UnknownEvent {

    /** The prompt this event belongs to, or {@code null} for session-level events. */
    String promptId();
}
