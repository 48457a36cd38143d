package io.codinspect.testkit.slack;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Home views published for people: each checked as Slack checks it and completed as Slack answers it. */
final class HomeViews {

    static final int MAX_BYTES = 250_000;

    private final Map<String, SlackHomeView> homes = new LinkedHashMap<>();

    /**
     * Publishes the person's new Home (keeping their view id, with a new hash): {@code
     * invalid_arguments} for a view that is not a Home view or whose blocks break Block Kit's
     * rules, {@code view_too_large} beyond 250 kB, {@code hash_conflict} when {@code hash} is
     * given and is not the current view's. {@code ids} makes new ids from a prefix.
     */
    synchronized SlackHomeView publish(String userId, JsonNode view, String hash, UnaryOperator<String> ids) {
        if (view == null || !view.isObject() || !view.path("type").asString("").equals("home")) {
            throw new SlackError(
                    "invalid_arguments", List.of("[ERROR] must be a view of type home [json-pointer:/view]"));
        }
        if (SlackJson.write(view).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new SlackError("view_too_large");
        }
        var previous = homes.get(userId);
        if (hash != null && previous != null && !hash.equals(previous.hash())) {
            throw new SlackError("hash_conflict");
        }
        var blocks = view.path("blocks").isMissingNode() ? SlackJson.array() : view.path("blocks");
        MessageLimits.checkBlocks(blocks, MessageLimits.VIEW_BLOCKS, "invalid_arguments");
        var id = previous != null ? previous.id() : ids.apply("V");
        var newHash = ids.apply("h");
        var stored = (ObjectNode) view.deepCopy();
        stored.put("id", id);
        stored.put("team_id", SlackWorkspace.TEAM_ID);
        stored.set("blocks", Blocks.withIds(blocks));
        defaultText(stored, "private_metadata");
        defaultText(stored, "callback_id");
        defaultText(stored, "external_id");
        stored.putObject("state").putObject("values");
        stored.put("hash", newHash);
        stored.put("clear_on_close", false);
        stored.put("notify_on_close", false);
        stored.put("root_view_id", id);
        stored.putNull("previous_view_id");
        stored.put("app_id", SlackWorkspace.APP_ID);
        stored.put("app_installed_team_id", SlackWorkspace.TEAM_ID);
        stored.put("bot_id", SlackWorkspace.BOT_ID);
        var home = new SlackHomeView(userId, id, newHash, stored, previous == null ? 1 : previous.publishes() + 1);
        homes.put(userId, home);
        return home;
    }

    synchronized Optional<SlackHomeView> home(String userId) {
        return Optional.ofNullable(homes.get(userId));
    }

    private static void defaultText(ObjectNode view, String name) {
        if (!view.path(name).isString()) {
            view.put(name, "");
        }
    }
}
