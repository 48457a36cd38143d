package io.codinspect.testkit.slack;

import static io.codinspect.testkit.slack.SlackJson.putIf;
import static io.codinspect.testkit.slack.SlackJson.setIf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** A message as the Web API and interaction payloads show it. */
final class MessageJson {

    private MessageJson() {}

    /**
     * @param team the author's workspace
     * @param parentUser for a reply, who wrote the thread's parent
     * @param replies for a parent, its replies oldest first
     * @param reactions reactions by name, each with who reacted
     */
    static ObjectNode of(
            SlackMessage message,
            String team,
            String parentUser,
            List<SlackMessage> replies,
            Map<String, List<String>> reactions) {
        var json = SlackJson.object();
        json.put("type", "message");
        json.put("user", message.user());
        json.put("text", message.text() == null ? "" : message.text());
        json.put("ts", message.ts());
        json.put("team", team);
        setIf(json, "blocks", message.blocks());
        setIf(json, "metadata", message.metadata());
        if (message.fromBot()) {
            json.put("bot_id", message.botId());
            json.put("app_id", SlackWorkspace.APP_ID);
            var profile = json.putObject("bot_profile");
            profile.put("id", message.botId());
            profile.put("app_id", SlackWorkspace.APP_ID);
            profile.put("name", SlackWorkspace.BOT.name());
            profile.put("team_id", SlackWorkspace.TEAM_ID);
            profile.put("deleted", false);
        }
        if (message.isReply()) {
            json.put("thread_ts", message.threadTs());
            putIf(json, "parent_user_id", parentUser);
        } else if (!replies.isEmpty()) {
            var who = new LinkedHashSet<String>();
            replies.forEach(r -> who.add(r.user()));
            json.put("thread_ts", message.ts());
            json.put("reply_count", replies.size());
            json.put("reply_users_count", who.size());
            json.put("latest_reply", replies.getLast().ts());
            var users = json.putArray("reply_users");
            who.forEach(users::add);
        }
        if (!reactions.isEmpty()) {
            var list = json.putArray("reactions");
            reactions.forEach((name, who) -> {
                var reaction = list.addObject();
                reaction.put("name", name);
                var users = reaction.putArray("users");
                who.forEach(users::add);
                reaction.put("count", who.size());
            });
        }
        if (message.edits() > 0) {
            json.putObject("edited").put("user", message.user()).put("ts", message.ts());
        }
        return json;
    }
}
