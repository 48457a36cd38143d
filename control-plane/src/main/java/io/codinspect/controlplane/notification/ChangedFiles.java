package io.codinspect.controlplane.notification;

import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The files a completed editing tool call changed, as OpenCode's tools name them. */
final class ChangedFiles {

    private static final Set<String> EDITING = Set.of("edit", "write", "multiedit", "patch");
    private static final Pattern PATCHED =
            Pattern.compile("^\\*\\*\\* (?:Add|Update|Delete) File: (.+)$", Pattern.MULTILINE);

    private static final String CLONE = "/repo/";

    private ChangedFiles() {}

    static List<String> of(ToolCall call) {
        if (call.status() != ToolStatus.completed || call.input() == null) {
            return List.of();
        }
        if (EDITING.contains(call.tool())) {
            var path = call.input().path("filePath").asString("");
            return path.isBlank() ? List.of() : List.of(relative(path));
        }
        if ("apply_patch".equals(call.tool())) {
            var patch = call.input()
                    .path("patchText")
                    .asString(call.input().path("patch").asString(""));
            return PATCHED.matcher(patch)
                    .results()
                    .map(m -> relative(m.group(1).strip()))
                    .toList();
        }
        return List.of();
    }

    /** The path inside the clone: the supervisor clones into {@code <workspace>/repo}. */
    private static String relative(String path) {
        int at = path.indexOf(CLONE);
        return path.startsWith("/") && at >= 0 ? path.substring(at + CLONE.length()) : path;
    }
}
