package io.codinspect.testkit.slack;

import static io.codinspect.testkit.slack.SlackJson.putIf;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** The Web API methods about the workspace: {@code auth.test}, {@code bots.info}, {@code users.info}, {@code conversations.open}, {@code views.publish}. */
final class WorkspaceMethods {

    private static final long UPDATED = 1_700_000_000L;

    private final SlackWorkspace workspace;

    WorkspaceMethods(SlackWorkspace workspace) {
        this.workspace = workspace;
    }

    void register(Map<String, WebApi.Method> methods) {
        methods.put("auth.test", this::authTest);
        methods.put("bots.info", this::botsInfo);
        methods.put("users.info", this::usersInfo);
        methods.put("conversations.open", this::conversationsOpen);
        methods.put("views.publish", this::viewsPublish);
    }

    private ObjectNode authTest(ApiParams params) {
        return SlackJson.object()
                .put("url", SlackWorkspace.WEB_URL)
                .put("team", SlackWorkspace.TEAM_NAME)
                .put("user", SlackWorkspace.BOT.name())
                .put("team_id", SlackWorkspace.TEAM_ID)
                .put("user_id", SlackWorkspace.BOT.id())
                .put("bot_id", SlackWorkspace.BOT_ID)
                .put("is_enterprise_install", false);
    }

    private ObjectNode botsInfo(ApiParams params) {
        var bot = params.get("bot");
        if (bot != null && !bot.equals(SlackWorkspace.BOT_ID)) {
            throw new SlackError("bot_not_found");
        }
        var answer = SlackJson.object();
        var json = answer.putObject("bot");
        json.put("id", SlackWorkspace.BOT_ID);
        json.put("deleted", false);
        json.put("name", SlackWorkspace.BOT.name());
        json.put("updated", UPDATED);
        json.put("app_id", SlackWorkspace.APP_ID);
        json.put("user_id", SlackWorkspace.BOT.id());
        json.putObject("icons").put("image_72", "https://fake-slack.example/bot_72.png");
        return answer;
    }

    private ObjectNode usersInfo(ApiParams params) {
        var id = params.required("user", "user_not_found");
        var user = workspace.user(id).orElseThrow(() -> new SlackError("user_not_found"));
        var answer = SlackJson.object();
        var json = answer.putObject("user");
        json.put("id", user.id());
        json.put("team_id", user.teamId());
        json.put("name", user.name());
        json.put("deleted", false);
        json.put("real_name", user.realName());
        json.put("tz", "Europe/London");
        json.put("tz_label", "Greenwich Mean Time");
        json.put("tz_offset", 0);
        json.put("is_admin", false);
        json.put("is_owner", false);
        json.put("is_primary_owner", false);
        json.put("is_restricted", user.guest());
        json.put("is_ultra_restricted", false);
        json.put("is_bot", user.bot());
        json.put("is_app_user", false);
        json.put("updated", UPDATED);
        json.put("is_email_confirmed", user.email() != null);
        var profile = json.putObject("profile");
        profile.put("real_name", user.realName());
        profile.put("real_name_normalized", user.realName());
        profile.put("display_name", user.name());
        profile.put("display_name_normalized", user.name());
        putIf(profile, "email", user.email());
        profile.put("image_72", "https://fake-slack.example/avatars/" + user.id() + "_72.png");
        profile.put("image_192", "https://fake-slack.example/avatars/" + user.id() + "_192.png");
        profile.put("team", user.teamId());
        if (user.bot()) {
            profile.put("bot_id", SlackWorkspace.BOT_ID);
            profile.put("api_app_id", SlackWorkspace.APP_ID);
        }
        return answer;
    }

    private ObjectNode conversationsOpen(ApiParams params) {
        var users = params.required("users", "users_list_not_supplied");
        if (users.contains(",")) {
            throw new SlackError("not_supported"); // the fake opens direct messages with one person only
        }
        workspace.user(users).orElseThrow(() -> new SlackError("user_not_found"));
        var answer = SlackJson.object();
        answer.putObject("channel").put("id", workspace.dm(users));
        return answer;
    }

    private ObjectNode viewsPublish(ApiParams params) {
        var userId = params.required("user_id", "invalid_arguments");
        workspace.user(userId).orElseThrow(() -> new SlackError("user_not_found"));
        var home = workspace.publish(userId, params.json("view", "invalid_arguments"), params.get("hash"));
        var answer = SlackJson.object();
        answer.set("view", home.view());
        return answer;
    }
}
