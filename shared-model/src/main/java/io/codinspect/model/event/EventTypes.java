package io.codinspect.model.event;

import java.util.Map;
import java.util.Optional;

/** The wire name of each event kind, in one place. */
public final class EventTypes {

    private static final Map<String, Class<? extends SessionEvent>> KNOWN = Map.ofEntries(
            Map.entry("user.message", UserMessage.class),
            Map.entry("sandbox.status", SandboxStatus.class),
            Map.entry("assistant.text", AssistantText.class),
            Map.entry("assistant.reasoning", Reasoning.class),
            Map.entry("tool.call", ToolCall.class),
            Map.entry("step.finished", StepFinished.class),
            Map.entry("prompt.started", PromptStarted.class),
            Map.entry("prompt.completed", PromptCompleted.class),
            Map.entry("prompt.failed", PromptFailed.class),
            Map.entry("prompt.cancelled", PromptCancelled.class),
            Map.entry("commit.pushed", CommitPushed.class),
            Map.entry("pull_request", PullRequestArtifact.class),
            Map.entry("warning", Warning.class),
            Map.entry("error", ErrorEvent.class));

    private EventTypes() {}

    /** The wire name of an event's kind. */
    public static String nameOf(SessionEvent event) {
        return switch (event) {
            case UserMessage e -> "user.message";
            case SandboxStatus e -> "sandbox.status";
            case AssistantText e -> "assistant.text";
            case Reasoning e -> "assistant.reasoning";
            case ToolCall e -> "tool.call";
            case StepFinished e -> "step.finished";
            case PromptStarted e -> "prompt.started";
            case PromptCompleted e -> "prompt.completed";
            case PromptFailed e -> "prompt.failed";
            case PromptCancelled e -> "prompt.cancelled";
            case CommitPushed e -> "commit.pushed";
            case PullRequestArtifact e -> "pull_request";
            case Warning e -> "warning";
            case ErrorEvent e -> "error";
            case UnknownEvent e -> e.type();
        };
    }

    /** The wire name of a known kind. */
    public static String nameOf(Class<? extends SessionEvent> kind) {
        return KNOWN.entrySet().stream()
                .filter(e -> e.getValue().equals(kind))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kind + " has no wire name"));
    }

    /** The record class for a wire name, empty for kinds this version does not know. */
    public static Optional<Class<? extends SessionEvent>> classOf(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /**
     * Whether a sandbox may report this kind. Prompt lifecycle starts and user messages are the
     * control plane's own record and are never taken from a sandbox.
     */
    public static boolean sandboxMayEmit(SessionEvent event) {
        return switch (event) {
            case UserMessage e -> false;
            case PromptStarted e -> false;
            case PullRequestArtifact e -> false;
            default -> true;
        };
    }
}
