package io.codinspect.testkit.slack;

import io.codinspect.testkit.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Building Slack's JSON: objects whose absent fields are left out rather than written as null. */
final class SlackJson {

    private SlackJson() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Puts {@code value} unless it is null. */
    static ObjectNode putIf(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
        return node;
    }

    /** Puts {@code value} unless it is null. */
    static ObjectNode setIf(ObjectNode node, String name, JsonNode value) {
        if (value != null) {
            node.set(name, value);
        }
        return node;
    }

    static String write(JsonNode node) {
        return Json.write(node);
    }

    static JsonNode parse(String text) {
        return Json.parse(text);
    }

    /** A JSON value as a form argument: strings as they are, objects and arrays as JSON text. */
    static String asArgument(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        return value.isValueNode() ? value.asString() : write(value);
    }
}
