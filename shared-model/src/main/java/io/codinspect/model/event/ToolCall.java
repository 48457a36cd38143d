package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One state of a tool call. Each call id is reported as it moves through pending, running and
 * completed or error.
 *
 * @param output the tool's output, truncated by the control plane to its configured limit
 * @param outputTruncated whether {@code output} was cut, to the tool output limit or to fit the
 *     event size limit
 * @param truncated whether any of {@code input}, {@code output}, {@code title} or {@code error} was
 *     cut to fit the event size limit (each cut text ends with a marker saying how much was cut);
 *     left out of the JSON when false
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
        String error,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated)
        implements SessionEvent {

    public ToolCall(
            String promptId,
            String callId,
            String tool,
            ToolStatus status,
            JsonNode input,
            String output,
            boolean outputTruncated,
            String title,
            String error) {
        this(promptId, callId, tool, status, input, output, outputTruncated, title, error, false);
    }

    /** This call with its output cut to {@code limit} characters, if longer. */
    public ToolCall outputLimitedTo(int limit) {
        if (output == null || output.length() <= limit) {
            return this;
        }
        int end = limit > 0 && Character.isHighSurrogate(output.charAt(limit - 1)) ? limit - 1 : limit;
        return new ToolCall(
                promptId, callId, tool, status, input, output.substring(0, end), true, title, error, truncated);
    }
}
