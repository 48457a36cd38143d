package io.codinspect.testkit.slack;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Slack reports about interactive elements when someone uses them: the {@code actions[0]} of
 * a click and the {@code state.values} of a message or view. A value is given as text: a button's
 * value, a select's or radio button's option value, comma-separated option values for checkboxes
 * and multi-selects, a user, conversation or channel id, a date, or an input's text.
 */
final class BlockState {

    private BlockState() {}

    /** The {@code actions[0]} of using {@code element} with {@code value} (a button's own value when null). */
    static ObjectNode action(Blocks.Element element, String value, String actionTs) {
        var json = SlackJson.object();
        json.put("type", element.type());
        json.put("action_id", element.actionId());
        json.put("block_id", element.blockId());
        if (element.type().equals("button")) {
            json.set("text", element.json().path("text"));
            var given = value != null ? value : element.json().path("value").asString(null);
            SlackJson.putIf(json, "value", given);
            SlackJson.putIf(json, "style", element.json().path("style").asString(null));
        } else {
            fill(json, element, value);
        }
        json.put("action_ts", actionTs);
        return json;
    }

    /**
     * The {@code state.values} of these blocks ({@code block_id → action_id → value}): each
     * stateful element's value from {@code values} by action id, else its initial value.
     */
    static ObjectNode values(JsonNode blocks, Map<String, String> values) {
        var state = SlackJson.object();
        for (var element : Blocks.elements(blocks)) {
            if (element.type().equals("button")
                    || element.type().equals("overflow")
                    || element.actionId().isEmpty()) {
                continue;
            }
            var value = SlackJson.object().put("type", element.type());
            fill(
                    value,
                    element,
                    values.containsKey(element.actionId()) ? values.get(element.actionId()) : initial(element));
            var block = state.has(element.blockId())
                    ? (ObjectNode) state.get(element.blockId())
                    : state.putObject(element.blockId());
            block.set(element.actionId(), value);
        }
        return state;
    }

    private static void fill(ObjectNode json, Blocks.Element element, String value) {
        var type = element.type();
        switch (type) {
            case "static_select", "external_select", "radio_buttons", "overflow" -> {
                if (value == null) {
                    json.putNull("selected_option");
                } else {
                    json.set("selected_option", option(element, value));
                }
            }
            case "checkboxes", "multi_static_select", "multi_external_select" -> {
                var options = json.putArray("selected_options");
                if (value != null && !value.isEmpty()) {
                    for (var each : value.split(",")) {
                        options.add(option(element, each.trim()));
                    }
                }
            }
            case "users_select" -> json.put("selected_user", value);
            case "conversations_select" -> json.put("selected_conversation", value);
            case "channels_select" -> json.put("selected_channel", value);
            case "datepicker" -> json.put("selected_date", value);
            default -> json.put("value", value);
        }
    }

    /** The option of that value among the element's options (or option groups); one made of the value otherwise. */
    private static JsonNode option(Blocks.Element element, String value) {
        var options = element.json().path("options").values().stream();
        var grouped = element.json().path("option_groups").values().stream()
                .flatMap(g -> g.path("options").values().stream());
        return java.util.stream.Stream.concat(options, grouped)
                .filter(o -> o.path("value").asString("").equals(value))
                .findFirst()
                .map(JsonNode::deepCopy)
                .orElseGet(() -> SlackJson.object()
                        .<ObjectNode>set("text", Blocks.plainText(value))
                        .put("value", value));
    }

    private static String initial(Blocks.Element element) {
        var json = element.json();
        if (json.path("initial_option").isObject()) {
            return json.path("initial_option").path("value").asString(null);
        }
        for (var name :
                new String[] {"initial_value", "initial_user", "initial_conversation", "initial_channel", "initial_date"
                }) {
            if (json.path(name).isString()) {
                return json.path(name).stringValue();
            }
        }
        return null;
    }
}
