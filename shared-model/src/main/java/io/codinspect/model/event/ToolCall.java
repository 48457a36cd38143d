package io.codinspect.model.event;

import tools.jackson.databind.JsonNode;

/**
 * One state of a tool call. Each call id is reported as it moves through pending, running and
 * completed or error.
 *
 * @param output the tool's output, truncated by the control plane to its configured limit
 * @param outputTruncated whether {@code output} was cut
 */
public record ToolCall(
        String promptId,
        String callId,
        String tool,
        ToolStatus status,
        JsonNode input,
        String output,
        boolean outputTruncated,
        String title,
        String error)
        implements SessionEvent {

    /** This call with its output cut to {@code limit} characters, if longer. */
    public ToolCall truncated(int limit) {
        if (output == null || output.length() <= limit) {
            return this;
        }
        return new ToolCall(promptId, callId, tool, status, input, output.substring(0, limit), true, title, error);
    }
}
