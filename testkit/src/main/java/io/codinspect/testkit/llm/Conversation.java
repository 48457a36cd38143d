package io.codinspect.testkit.llm;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a request body the way its API lays out a conversation: which entry is the newest user
 * prompt, and how many assistant turns followed it. A user prompt is a user message with text;
 * Anthropic tool results, which come back as user messages of {@code tool_result} blocks, are not.
 * A turn is a run of assistant entries (Responses items such as a message, reasoning, function
 * calls or references to them), ended by a tool result.
 */
final class Conversation {

    private enum Role {
        PROMPT,
        ASSISTANT,
        OTHER
    }

    private record Entry(Role role, String text) {}

    private final List<Entry> entries;

    private Conversation(List<Entry> entries) {
        this.entries = entries;
    }

    static Conversation of(Api api, JsonNode body) {
        var entries = new ArrayList<Entry>();
        switch (api) {
            case CHAT_COMPLETIONS -> body.path("messages").forEach(m -> entries.add(chatEntry(m)));
            case RESPONSES -> body.path("input").forEach(item -> entries.add(responsesEntry(item)));
            case MESSAGES -> body.path("messages").forEach(m -> entries.add(messagesEntry(m)));
        }
        return new Conversation(entries);
    }

    /** The text of the newest user prompt, or "" if there is none. */
    String lastUserText() {
        for (var i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).role() == Role.PROMPT) {
                return entries.get(i).text();
            }
        }
        return "";
    }

    /** How many assistant turns follow the newest user prompt: 0 for the first request of a turn. */
    int step() {
        var turns = 0;
        var previous = Role.OTHER;
        for (var entry : entries) {
            if (entry.role() == Role.PROMPT) {
                turns = 0;
            } else if (entry.role() == Role.ASSISTANT && previous != Role.ASSISTANT) {
                turns++;
            }
            previous = entry.role();
        }
        return turns;
    }

    static String reasoningEffort(Api api, JsonNode body) {
        return switch (api) {
            case CHAT_COMPLETIONS -> body.path("reasoning_effort").asString(null);
            case RESPONSES -> body.path("reasoning").path("effort").asString(null);
            case MESSAGES -> {
                var effort = body.path("output_config").path("effort").asString(null);
                var thinking = body.path("thinking").path("type").asString(null);
                yield effort != null ? effort : "disabled".equals(thinking) ? null : thinking;
            }
        };
    }

    private static Entry chatEntry(JsonNode message) {
        return switch (message.path("role").asString("")) {
            case "user" -> new Entry(Role.PROMPT, text(message.path("content")));
            case "assistant" -> new Entry(Role.ASSISTANT, "");
            default -> new Entry(Role.OTHER, "");
        };
    }

    private static Entry responsesEntry(JsonNode item) {
        var role = item.path("role").asString("");
        if ("user".equals(role)) {
            return new Entry(Role.PROMPT, text(item.path("content")));
        }
        return switch (item.path("type").asString("")) {
            case "function_call", "reasoning", "item_reference" -> new Entry(Role.ASSISTANT, "");
            default -> new Entry("assistant".equals(role) ? Role.ASSISTANT : Role.OTHER, "");
        };
    }

    private static Entry messagesEntry(JsonNode message) {
        if ("assistant".equals(message.path("role").asString(""))) {
            return new Entry(Role.ASSISTANT, "");
        }
        var content = message.path("content");
        var text = text(content);
        var hasText = content.isString()
                || content.valueStream()
                        .anyMatch(b -> "text".equals(b.path("type").asString("")));
        return new Entry(hasText ? Role.PROMPT : Role.OTHER, text);
    }

    /** A message's text: a plain string, or the texts of its text parts joined. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        var text = new StringBuilder();
        content.forEach(part -> {
            if (part.path("text").isString()) {
                text.append(part.path("text").asString());
            }
        });
        return text.toString();
    }
}
