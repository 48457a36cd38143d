package io.codinspect.testkit.slack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Interactivity payloads as Slack sends them: {@code block_actions} and {@code block_suggestion}, from a message or a view. */
final class InteractionPayloads {

    private InteractionPayloads() {}

    /** Where the interaction happened: a message in a channel, or a (Home) view. */
    record Container(ObjectNode json, String channelId, String channelName, ObjectNode message, JsonNode view) {

        static Container message(SlackWorkspace.Channel channel, SlackMessage message, ObjectNode messageJson) {
            var json = SlackJson.object()
                    .put("type", "message")
                    .put("message_ts", message.ts())
                    .put("channel_id", channel.id())
                    .put("is_ephemeral", false);
            SlackJson.putIf(json, "thread_ts", message.threadTs());
            return new Container(json, channel.id(), channel.name(), messageJson, null);
        }

        static Container view(JsonNode view) {
            var json = SlackJson.object()
                    .put("type", "view")
                    .put("view_id", view.path("id").asString());
            return new Container(json, null, null, null, view);
        }
    }

    /** A {@code block_actions} payload; {@code state} goes into the view for a view, at the top for a message. */
    static ObjectNode blockActions(
            SlackUser user,
            Container container,
            ObjectNode action,
            ObjectNode state,
            String triggerId,
            String responseUrl) {
        var json = common("block_actions", user, container);
        json.put("trigger_id", triggerId);
        if (container.view() != null) {
            var view = (ObjectNode) container.view().deepCopy();
            view.putObject("state").set("values", state);
            json.set("view", view);
        } else {
            json.putObject("state").set("values", state);
            json.put("response_url", responseUrl);
        }
        json.putArray("actions").add(action);
        return json;
    }

    /** A {@code block_suggestion} payload: the person typed {@code value} into an external select. */
    static ObjectNode blockSuggestion(SlackUser user, Container container, Blocks.Element element, String value) {
        var json = common("block_suggestion", user, container);
        json.put("action_id", element.actionId());
        json.put("block_id", element.blockId());
        json.put("value", value);
        if (container.view() != null) {
            json.set("view", container.view());
        }
        return json;
    }

    private static ObjectNode common(String type, SlackUser user, Container container) {
        var json = SlackJson.object();
        json.put("type", type);
        var who = json.putObject("user");
        who.put("id", user.id());
        who.put("username", user.name());
        who.put("name", user.name());
        who.put("team_id", user.teamId());
        json.put("api_app_id", SlackWorkspace.APP_ID);
        json.put("token", EventPayloads.VERIFICATION_TOKEN);
        json.set("container", container.json());
        var team = json.putObject("team");
        team.put("id", SlackWorkspace.TEAM_ID);
        team.put("domain", SlackWorkspace.DOMAIN);
        json.putNull("enterprise");
        json.put("is_enterprise_install", false);
        if (container.channelId() != null) {
            json.putObject("channel").put("id", container.channelId()).put("name", container.channelName());
            json.set("message", container.message());
        }
        return json;
    }
}
