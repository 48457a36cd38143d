package io.codinspect.controlplane;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.AssistantText;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.model.event.StepFinished;
import io.codinspect.model.event.Tokens;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.ToolStatus;
import io.codinspect.testkit.Json;
import io.codinspect.testkit.SimulatedSandbox;
import java.math.BigDecimal;

/** What a simulated agent does with a prompt in these tests: streams, calls a tool, finishes. */
final class Scripts {

    private Scripts() {}

    /** Streams text as deltas, a tool call through its states, a step and the prompt's completion. */
    static void answer(SimulatedSandbox sandbox, ControlMessage.RunPrompt prompt) {
        var id = prompt.promptId();
        var part = "part-" + id;
        var text = "Done: " + prompt.content();
        for (int i = 0; i < text.length(); i += 4) {
            sandbox.delta(id, part, text.substring(i, Math.min(text.length(), i + 4)));
        }
        sandbox.emit(new AssistantText(id, part, text));
        var input = Json.parse("{\"command\":\"ls\"}");
        sandbox.emit(new ToolCall(id, "call-" + id, "bash", ToolStatus.pending, null, null, false, null, null));
        sandbox.emit(new ToolCall(id, "call-" + id, "bash", ToolStatus.running, input, null, false, null, null));
        sandbox.emit(
                new ToolCall(id, "call-" + id, "bash", ToolStatus.completed, input, "README.md\n", false, "ls", null));
        sandbox.emit(new StepFinished(id, "stop", new Tokens(30, 20, 10, 0, 0, 0), new BigDecimal("0.0012")));
        sandbox.emit(new PromptCompleted(id));
        sandbox.turnEnded();
    }
}
