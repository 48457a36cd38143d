package io.codinspect.testkit.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The scripts of a fake and the choice of a reply: the newest script whose trigger is in the
 * newest user prompt, and of its replies the one for the number of assistant turns since then.
 */
final class Scripts {

    private record Script(String trigger, List<Reply> replies) {}

    private final List<Script> scripts = new CopyOnWriteArrayList<>();

    void add(String trigger, List<Reply> replies) {
        scripts.addFirst(new Script(trigger, List.copyOf(replies)));
    }

    /** The reply to a request now: never a {@link Reply.Flaky}, which is decided here. */
    Reply replyTo(Api api, JsonNode body) {
        if (!body.path("tools").isArray() || body.path("tools").isEmpty()) {
            return Reply.text("Scripted title");
        }
        var conversation = Conversation.of(api, body);
        var userText = conversation.lastUserText();
        for (var script : scripts) {
            if (userText.contains(script.trigger())) {
                var step = conversation.step();
                return step < script.replies().size() ? reached(script.replies().get(step)) : Reply.text("Done.");
            }
        }
        return Reply.text("No script matched this prompt.");
    }

    /** Whether answering with {@code reply} reports usage (anything but a failure does). */
    static boolean reports(Reply reply) {
        return switch (reply) {
            case Reply.Stream stream -> true;
            case Reply.Failure failure -> false;
            case Reply.Silence silence -> reports(silence.after());
            case Reply.Flaky flaky -> throw new IllegalStateException("a flaky reply is decided when reached");
        };
    }

    private static Reply reached(Reply reply) {
        return switch (reply) {
            case Reply.Flaky flaky -> reached(flaky.next());
            case Reply.Silence silence -> new Reply.Silence(silence.duration(), reached(silence.after()));
            default -> reply;
        };
    }
}
