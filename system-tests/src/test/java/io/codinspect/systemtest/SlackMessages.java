package io.codinspect.systemtest;

import io.codinspect.testkit.slack.SlackMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What the Slack system tests read in the bot's messages: their buttons, selects and pickers. */
final class SlackMessages {

    private SlackMessages() {}

    /** The labels of the message's buttons, in order. */
    static List<String> buttons(SlackMessage message) {
        return elements(message).stream()
                .filter(e -> "button".equals(e.path("type").asString()))
                .map(b -> b.path("text").path("text").asString())
                .toList();
    }

    /** The button labelled {@code label}. */
    static JsonNode button(SlackMessage message, String label) {
        return elements(message).stream()
                .filter(e -> "button".equals(e.path("type").asString())
                        && label.equals(e.path("text").path("text").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in " + message));
    }

    /** The first element of {@code type} ({@code external_select}, {@code static_select}). */
    static Optional<JsonNode> element(SlackMessage message, String type) {
        return elements(message).stream()
                .filter(e -> type.equals(e.path("type").asString()))
                .findFirst();
    }

    /** The interactive elements of the blocks: actions' elements and sections' accessories. */
    static List<JsonNode> elements(SlackMessage message) {
        return message.blocks() == null ? List.of() : elements(message.blocks());
    }

    static List<JsonNode> elements(JsonNode blocks) {
        var found = new ArrayList<JsonNode>();
        for (var block : blocks) {
            block.path("elements").forEach(found::add);
            if (block.has("accessory")) {
                found.add(block.path("accessory"));
            }
        }
        return found;
    }
}
