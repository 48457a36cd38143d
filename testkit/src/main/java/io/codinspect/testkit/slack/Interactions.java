package io.codinspect.testkit.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payloads of people using interactive elements, built from what is in the workspace: a
 * message's blocks or the person's Home view. Using an element that is not there fails the test
 * with an {@link IllegalArgumentException}, since nobody can click what Slack does not show.
 */
final class Interactions {

    /** Where an interaction happens: the blocks shown and their container. */
    private record Target(JsonNode blocks, InteractionPayloads.Container container, String where) {

        Blocks.Element element(String actionId) {
            return (blocks == null ? java.util.Optional.<Blocks.Element>empty() : Blocks.find(blocks, actionId))
                    .orElseThrow(() -> new IllegalArgumentException("no element " + actionId + " in " + where));
        }
    }

    private final SlackWorkspace workspace;
    private final String responseUrls;

    Interactions(SlackWorkspace workspace, String responseUrls) {
        this.workspace = workspace;
        this.responseUrls = responseUrls;
    }

    ObjectNode click(SlackUser user, String channel, String messageTs, String actionId, String value) {
        return blockActions(user, message(channel, messageTs), actionId, value, Map.of());
    }

    ObjectNode clickInHome(SlackUser user, String actionId, String value, Map<String, String> inputs) {
        return blockActions(user, home(user), actionId, value, inputs);
    }

    ObjectNode suggest(SlackUser user, String channel, String messageTs, String actionId, String typed) {
        var target = message(channel, messageTs);
        return InteractionPayloads.blockSuggestion(
                workspace.member(user), target.container(), target.element(actionId), typed);
    }

    ObjectNode suggestInHome(SlackUser user, String actionId, String typed) {
        var target = home(user);
        return InteractionPayloads.blockSuggestion(
                workspace.member(user), target.container(), target.element(actionId), typed);
    }

    private ObjectNode blockActions(
            SlackUser user, Target target, String actionId, String value, Map<String, String> inputs) {
        var element = target.element(actionId);
        var values = new HashMap<>(inputs);
        if (value != null && !element.type().equals("button")) {
            values.put(element.actionId(), value); // the used element's new value; buttons have none
        }
        var state = BlockState.values(target.blocks(), values);
        var action = BlockState.action(element, value, workspace.nextTs());
        var triggerId = workspace.nextTs().replace(".", "") + "."
                + UUID.randomUUID().toString().replace("-", "");
        var responseUrl = responseUrls + workspace.nextId("R");
        return InteractionPayloads.blockActions(
                workspace.member(user), target.container(), action, state, triggerId, responseUrl);
    }

    private Target message(String channel, String messageTs) {
        var message = workspace
                .find(channel, messageTs)
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageTs + " in " + channel));
        var container =
                InteractionPayloads.Container.message(workspace.channel(channel), message, workspace.json(message));
        return new Target(message.blocks(), container, "message " + messageTs);
    }

    private Target home(SlackUser user) {
        var home = workspace
                .home(workspace.member(user).id())
                .orElseThrow(() -> new IllegalArgumentException("no Home view was published for " + user.id()));
        return new Target(
                home.blocks(), InteractionPayloads.Container.view(home.view()), "the Home view of " + user.id());
    }
}
