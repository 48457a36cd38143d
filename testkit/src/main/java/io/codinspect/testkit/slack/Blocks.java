package io.codinspect.testkit.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading Block Kit: the texts a reader sees, the interactive elements and their blocks. */
final class Blocks {

    private Blocks() {}

    /** An interactive element and the block holding it. */
    record Element(String blockId, JsonNode json) {

        String type() {
            return json.path("type").asString("");
        }

        String actionId() {
            return json.path("action_id").asString("");
        }
    }

    /** Every string under a {@code text} key, depth first: the words of the blocks. */
    static List<String> texts(JsonNode node) {
        var found = new ArrayList<String>();
        collect(node, found);
        return found;
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().equals("text") && field.getValue().isString()) {
                    found.add(field.getValue().stringValue());
                } else {
                    collect(field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            node.values().forEach(child -> collect(child, found));
        }
    }

    /** A copy in which every block has a {@code block_id}, as Slack assigns one when it is missing. */
    static ArrayNode withIds(JsonNode blocks) {
        var copy = (ArrayNode) blocks.deepCopy();
        for (var i = 0; i < copy.size(); i++) {
            if (copy.get(i) instanceof ObjectNode block
                    && !block.path("block_id").isString()) {
                block.put("block_id", "fk" + i);
            }
        }
        return copy;
    }

    /** The interactive elements: actions blocks' elements, sections' accessories, inputs' elements. */
    static List<Element> elements(JsonNode blocks) {
        var found = new ArrayList<Element>();
        for (var block : blocks.values()) {
            var blockId = block.path("block_id").asString("");
            switch (block.path("type").asString("")) {
                case "actions" -> block.path("elements").values().forEach(e -> found.add(new Element(blockId, e)));
                case "section" -> {
                    if (block.path("accessory").isObject()) {
                        found.add(new Element(blockId, block.path("accessory")));
                    }
                }
                case "input" -> found.add(new Element(blockId, block.path("element")));
                default -> {}
            }
        }
        return found;
    }

    /** The element with this {@code action_id}, if the blocks hold one. */
    static Optional<Element> find(JsonNode blocks, String actionId) {
        return elements(blocks).stream()
                .filter(e -> e.actionId().equals(actionId))
                .findFirst();
    }

    /** A {@code plain_text} text object. */
    static ObjectNode plainText(String text) {
        var node = SlackJson.object();
        node.put("type", "plain_text");
        node.put("text", text);
        node.put("emoji", true);
        return node;
    }
}
