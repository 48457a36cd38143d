package io.codinspect.testkit.slack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Web API methods about messages: posting, ephemeral messages, updates, permalinks, reactions
 * and reading a thread. Posting and updating check {@link MessageLimits}. A {@code thread_ts} that
 * names no message is refused with {@code thread_not_found} (stricter than Slack, so that a bot
 * replying to the wrong thread shows in tests).
 */
final class ChatMethods {

    private final SlackWorkspace workspace;

    ChatMethods(SlackWorkspace workspace) {
        this.workspace = workspace;
    }

    void register(Map<String, WebApi.Method> methods) {
        methods.put("chat.postMessage", this::postMessage);
        methods.put("chat.postEphemeral", this::postEphemeral);
        methods.put("chat.update", this::update);
        methods.put("chat.getPermalink", this::permalink);
        methods.put("reactions.add", params -> react(params, true));
        methods.put("reactions.remove", params -> react(params, false));
        methods.put("conversations.replies", this::replies);
    }

    private ObjectNode postMessage(ApiParams params) {
        var channel = channel(params);
        var text = params.get("text");
        var blocks = params.json("blocks", "invalid_blocks_format");
        MessageLimits.checkMessage(text, blocks);
        var metadata = params.json("metadata", "invalid_metadata_format");
        var message = workspace.post(channel, params.get("thread_ts"), SlackWorkspace.BOT, text, blocks, metadata);
        var answer = SlackJson.object().put("channel", channel).put("ts", message.ts());
        answer.set("message", workspace.json(message));
        return answer;
    }

    private ObjectNode postEphemeral(ApiParams params) {
        var channel = channel(params);
        var user = params.required("user", "user_not_in_channel");
        workspace.user(user).orElseThrow(() -> new SlackError("user_not_in_channel"));
        var text = params.get("text");
        var blocks = params.json("blocks", "invalid_blocks_format");
        MessageLimits.checkMessage(text, blocks);
        var shown = workspace.ephemeral(channel, user, params.get("thread_ts"), text, blocks);
        return SlackJson.object().put("message_ts", shown.messageTs());
    }

    private ObjectNode update(ApiParams params) {
        var channel = channel(params);
        var ts = params.required("ts", "message_not_found");
        var text = params.get("text");
        var blocks = params.json("blocks", "invalid_blocks_format");
        if (text == null && blocks == null) {
            throw new SlackError("no_text");
        }
        MessageLimits.checkMessage(text, blocks);
        var message = workspace.update(channel, ts, text, blocks, params.json("metadata", "invalid_metadata_format"));
        var answer = SlackJson.object()
                .put("channel", channel)
                .put("ts", ts)
                .put("text", message.text() == null ? "" : message.text());
        answer.set("message", workspace.json(message));
        return answer;
    }

    private ObjectNode permalink(ApiParams params) {
        var channel = channel(params);
        var message = workspace
                .find(channel, params.get("message_ts"))
                .orElseThrow(() -> new SlackError("message_not_found"));
        var link = SlackWorkspace.WEB_URL + "archives/" + channel + "/p"
                + message.ts().replace(".", "");
        if (message.isReply()) {
            link += "?thread_ts=" + message.threadTs() + "&cid=" + channel;
        }
        return SlackJson.object().put("channel", channel).put("permalink", link);
    }

    private ObjectNode react(ApiParams params, boolean add) {
        var channel = params.required("channel", "no_item_specified");
        var ts = params.required("timestamp", "no_item_specified");
        var name = params.required("name", "invalid_name");
        if (name.contains(":") || name.contains(" ")) {
            throw new SlackError("invalid_name");
        }
        workspace.react(channel, ts, name, SlackWorkspace.BOT.id(), add);
        return SlackJson.object();
    }

    private ObjectNode replies(ApiParams params) {
        var channel = channel(params);
        var thread = workspace.thread(channel, params.required("ts", "thread_not_found"));
        if (thread.isEmpty()) {
            throw new SlackError("thread_not_found");
        }
        var limit = Math.clamp(params.number("limit", 1000), 1, 1000);
        var from = params.get("cursor") == null ? 0 : start(thread, params.get("cursor"));
        var to = Math.min(thread.size(), from + limit);
        var answer = SlackJson.object();
        var messages = answer.putArray("messages");
        thread.subList(from, to).forEach(m -> messages.add(workspace.json(m)));
        answer.put("has_more", to < thread.size());
        var next = to < thread.size() ? cursor(thread.get(to).ts()) : "";
        answer.putObject("response_metadata").put("next_cursor", next);
        return answer;
    }

    /** The channel argument; a user id stands for the bot's direct messages with that person. */
    private String channel(ApiParams params) {
        var channel = params.required("channel", "channel_not_found");
        if (channel.startsWith("U") && workspace.user(channel).isPresent()) {
            return workspace.dm(channel);
        }
        return workspace.channel(channel).id();
    }

    private static String cursor(String ts) {
        return Base64.getEncoder().encodeToString(("next_ts:" + ts).getBytes(StandardCharsets.UTF_8));
    }

    private static int start(java.util.List<SlackMessage> thread, String cursor) {
        for (var i = 1; i < thread.size(); i++) {
            if (cursor(thread.get(i).ts()).equals(cursor)) {
                return i;
            }
        }
        throw new SlackError("invalid_cursor");
    }
}
