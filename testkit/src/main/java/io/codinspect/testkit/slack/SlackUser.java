package io.codinspect.testkit.slack;

/**
 * A person (or the bot) in the fake Slack, as {@code users.info} describes them.
 *
 * @param id the user id, such as {@code U0ADA}
 * @param teamId the workspace the person belongs to; another one than the fake's for a Slack
 *     Connect user; null until {@link FakeSlack#addUser(SlackUser)} fills in the fake's team
 * @param name the handle ({@code name}), also the profile's display name
 * @param realName the full name ({@code real_name})
 * @param email the profile email, or null
 * @param guest a multi-channel guest ({@code is_restricted})
 * @param bot a bot user ({@code is_bot})
 */
public record SlackUser(
        String id, String teamId, String name, String realName, String email, boolean guest, boolean bot) {

    /** A member of the fake's workspace. */
    public static SlackUser person(String id, String name, String email) {
        return new SlackUser(id, null, name, name, email, false, false);
    }

    /** The same person as a guest account. */
    public SlackUser asGuest() {
        return new SlackUser(id, teamId, name, realName, email, true, bot);
    }

    /** The same person belonging to another workspace (a Slack Connect user). */
    public SlackUser fromTeam(String otherTeamId) {
        return new SlackUser(id, otherTeamId, name, realName, email, guest, bot);
    }

    /** The same person with another full name. */
    public SlackUser withRealName(String fullName) {
        return new SlackUser(id, teamId, name, fullName, email, guest, bot);
    }

    SlackUser inTeam(String defaultTeamId) {
        return teamId != null ? this : fromTeam(defaultTeamId);
    }
}
