package io.codinspect.controlplane.notification;

import io.codinspect.model.event.ToolCall;

/** A tool call told as the agent's current step, in a few words: "Running `mvn test`". */
final class Steps {

    static final int MAX = 200;

    private Steps() {}

    static String of(ToolCall call) {
        var input = call.input();
        var step = switch (call.tool()) {
            case "bash" ->
                "Running `" + text(input == null ? null : input.path("command").asString(null), call) + "`";
            case "edit", "write", "multiedit", "patch", "apply_patch" -> {
                var files = ChangedFiles.of(new ToolCall(
                        call.promptId(),
                        call.callId(),
                        call.tool(),
                        io.codinspect.model.event.ToolStatus.completed,
                        input,
                        null,
                        false,
                        null,
                        null));
                yield files.isEmpty() ? "Editing files" : "Editing " + String.join(", ", files);
            }
            case "read" ->
                "Reading " + text(input == null ? null : input.path("filePath").asString(null), call);
            case "grep", "glob" ->
                "Searching for "
                        + text(input == null ? null : input.path("pattern").asString(null), call);
            case "webfetch" ->
                "Fetching " + text(input == null ? null : input.path("url").asString(null), call);
            case "todowrite", "todoread" -> "Planning";
            default -> call.title() != null && !call.title().isBlank() ? call.title() : "Using " + call.tool();
        };
        var oneLine = step.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX - 1) + "…";
    }

    private static String text(String value, ToolCall call) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        return call.title() == null || call.title().isBlank() ? call.tool() : call.title();
    }
}
